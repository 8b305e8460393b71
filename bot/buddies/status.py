"""Your buddy and experiment, for ``status``."""

from __future__ import annotations

from bot.buddies import messaging, service
from bot.handling import Ctx


def status_lines(ctx: Ctx) -> list[str]:
    member = ctx.member
    if member is None or not member.is_current:
        return []
    group = service.group_of(ctx.session, member_id=member.id)
    if group is None or not group.others(member.id):
        return []
    lines = [ctx.t("buddy.status", names=messaging.names(ctx.lang, group.others(member.id)))]
    if group.experiment is None:
        lines.append(ctx.t("buddy.status_no_experiment"))
    else:
        text = messaging.experiment_text(ctx.lang, group.experiment.text)
        lines.append(ctx.t("buddy.status_experiment", text=text))
    return lines
