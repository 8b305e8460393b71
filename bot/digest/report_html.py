"""The harvest report as one self-contained HTML file: every chart and the social map inline
as SVG, no scripts, no external fonts or images, so it reads offline and prints to PDF from
any browser. Every text from people is escaped."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from bot.charts.draw import svg
from bot.digest.harvest import Harvest, harvest_charts, outcome_key
from bot.digest.report import MeetingLine, rate_text
from bot.digest.sources import tally
from bot.i18n import as_lang, t
from bot.messages import Picture
from bot.socialmap.messaging import measures, network

STYLE = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #0072b2; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; color: var(--accent); }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem;
  margin-top: 2.4rem; }
h3 { font-size: 1.1rem; margin-bottom: .3rem; }
.meta, .note { color: var(--muted); font-size: .9rem; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
  gap: .8rem; padding: 0; list-style: none; }
.figures li { border: 1px solid var(--line); border-radius: .5rem; padding: .6rem .8rem; }
.figures b { display: block; font-size: 1.5rem; color: var(--accent); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f0f4f8; }
figure { margin: 1.2rem 0; text-align: center; }
figure svg { max-width: 100%; height: auto; }
.outcome { font-weight: 600; white-space: nowrap; }
.outcome.done { color: #007a5a; } .outcome.partly { color: #b7791f; }
.outcome.not_done { color: #c0392b; } .outcome.unknown, .outcome.reported { color: var(--muted); }
.org { border: 1px solid var(--line); border-radius: .5rem; padding: .2rem 1rem .6rem;
  margin: 1rem 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } figure, .org, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _figure(picture: Picture) -> str:
    return f'<figure role="img" aria-label="{escape(picture.title)}">{svg(picture)}</figure>'


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def _outcome(lang: str, key: str) -> str:
    return f'<span class="outcome {key}">{escape(t(lang, f"report.outcome.{key}"))}</span>'


def _meeting_rows(lang: str, harvest: Harvest) -> str:
    zone = ZoneInfo(harvest.report.tz)
    rows = []
    line: MeetingLine
    for line in harvest.report.meetings:
        roles = line.facilitators
        who = " / ".join(roles[r] for r in ("content", "process") if r in roles) or "-"
        rows.append(
            "<tr>"
            f"<td>{line.number or '-'}</td>"
            f"<td>{line.starts_at.astimezone(zone):%Y-%m-%d}</td>"
            f"<td>{escape(line.theme or '-')}</td>"
            f"<td>{escape(who)}</td>"
            f"<td>{rate_text(line.checkin)}</td>"
            f"<td>{rate_text(line.evaluation)}</td>"
            "</tr>"
        )
    heads = "".join(
        f"<th>{escape(t(lang, f'report.col.{c}'))}</th>"
        for c in ("date", "theme", "facilitators", "checkin", "evaluation")
    )
    return f"<table><tr><th>#</th>{heads}</tr>{''.join(rows)}</table>"


def render_html(harvest: Harvest, lang: str) -> str:
    lang = as_lang(lang)
    data = harvest.report
    zone = ZoneInfo(data.tz)
    charts = harvest_charts(harvest, lang)
    held = [m for m in data.meetings if m.held]
    smap = harvest.social_map
    ran = sum(1 for x in harvest.tried if x.outcome in ("done", "partly"))
    title = t(lang, "report.title", name=data.community_name)
    parts = [
        f"<h1>{escape(title)}</h1>",
        '<p class="meta">'
        + escape(
            t(
                lang,
                "report.period",
                start=data.start.isoformat(),
                end=data.end.isoformat(),
                made=data.generated_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            )
        )
        + "</p>",
        f"<h2>{escape(t(lang, 'report.question'))}</h2>",
        f"<p>{escape(data.question or t(lang, 'digest.no_data'))}</p>",
        f"<h2>{escape(t(lang, 'report.ambition'))}</h2>",
        f"<p>{escape(data.ambition or t(lang, 'digest.ambition_missing'))}</p>",
        '<ul class="figures">',
        *(
            f"<li><b>{escape(str(value))}</b>{escape(t(lang, key))}</li>"
            for value, key in (
                (f"{len(held)}/{len(data.meetings)}", "report.html.fig_meetings"),
                (data.size, "report.html.fig_members"),
                (len(harvest.tried), "report.html.fig_tried"),
                (ran, "report.html.fig_ran"),
                (len(harvest.successes), "report.html.fig_successes"),
                (f"{smap.pairs_now}/{smap.possible}", "report.html.fig_pairs"),
            )
        ),
        "</ul>",
        f"<h2>{escape(t(lang, 'report.html.programme'))}</h2>",
        _meeting_rows(lang, harvest)
        if data.meetings
        else f"<p>{t(lang, 'report.no_meetings')}</p>",
    ]
    parts += [_figure(charts[k]) for k in ("response", "attendance") if k in charts]
    parts.append(f"<h2>{escape(t(lang, 'report.html.tried'))}</h2>")
    parts += [_figure(charts[k]) for k in ("experiments", "outcomes") if k in charts]
    if harvest.tried:
        parts.append(
            "<table><tr>"
            + "".join(
                f"<th>{escape(t(lang, f'report.html.col.{c}'))}</th>"
                for c in ("cycle", "who", "experiment", "outcome", "learned")
            )
            + "</tr>"
            + "".join(
                "<tr>"
                f"<td>{escape(t(lang, 'chart.cycle', n=x.cycle) if x.cycle else '-')}</td>"
                f"<td>{escape(' & '.join(x.members))}"
                + (
                    f'<br><span class="note">{escape(", ".join(x.organisations))}</span>'
                    if x.organisations
                    else ""
                )
                + "</td>"
                f"<td>{escape(x.text)}</td>"
                f"<td>{_outcome(lang, outcome_key(x))}</td>"
                f"<td>{'<br>'.join(escape(text) for text in x.learned) or '-'}</td>"
                "</tr>"
                for x in harvest.tried
            )
            + "</table>"
        )
    else:
        parts.append(f"<p>{escape(t(lang, 'report.html.none_tried'))}</p>")
    parts.append(f"<h2>{escape(t(lang, 'report.successes_title'))}</h2>")
    parts.append(
        _list(
            [
                f"<b>{s.day.isoformat()}</b> {escape(s.text)}"
                + (
                    f' <span class="note">— {escape(s.author)}'
                    + (f", {escape(s.organisation)}" if s.organisation else "")
                    + "</span>"
                    if s.author
                    else ""
                )
                for s in harvest.successes
            ]
        )
        or f"<p>{escape(t(lang, 'report.no_successes'))}</p>"
    )
    parts.append(f"<h2>{escape(t(lang, 'report.evaluations_title'))}</h2>")
    parts.append(
        f'<p class="note">{escape(t(lang, "report.evaluations_rule", min=data.min_answers))}</p>'
    )
    if "trend" in charts:
        parts.append(_figure(charts["trend"]))
    topics = tally(topic for m in data.meetings if (s := m.shareable) for topic in s.topics)
    valuable = tally(v for m in data.meetings if (s := m.shareable) for v in s.valuable)
    for key, items in (("report.valuable", valuable), ("report.topics", topics)):
        if items:
            parts += [f"<h3>{escape(t(lang, key))}</h3>", _list([escape(x) for x in items])]
    if not charts.get("trend") and not topics and not valuable:
        parts.append(f"<p>{escape(t(lang, 'report.no_evaluations'))}</p>")
    parts.append(f"<h2>{escape(t(lang, 'report.html.map'))}</h2>")
    if smap.organisations:
        parts.append(_figure(network(smap, lang=lang, name=data.community_name)))
    parts.append(_list([escape(line) for line in measures(smap, lang=lang)]))
    parts.append(f"<h2>{escape(t(lang, 'report.html.organisations'))}</h2>")
    for org in harvest.organisations:
        parts.append(
            '<section class="org">'
            f"<h3>{escape(org.name)}</h3>"
            + _list(
                [
                    escape(t(lang, "report.html.org_members", count=org.members)),
                    escape(t(lang, "report.html.org_checkin", rate=rate_text(org.checkin))),
                    escape(t(lang, "report.html.org_tried", count=org.experiments, ran=org.ran)),
                    escape(t(lang, "report.html.org_successes", count=len(org.successes))),
                ]
            )
            + _list([f"{s.day.isoformat()} {escape(s.text)}" for s in org.successes])
            + "</section>"
        )
    if not harvest.organisations:
        parts.append(f"<p>{escape(t(lang, 'map.empty'))}</p>")
    parts.append(f'<p class="note">{escape(t(lang, "report.html.footer"))}</p>')
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
