"""Charts and maps drawn from the core's ``Chart`` and ``Network`` blocks: as text (console,
card fallbacks), as PNG (Slack, the demo) and as SVG (the HTML report)."""
