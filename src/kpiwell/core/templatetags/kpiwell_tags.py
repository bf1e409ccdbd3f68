"""Small presentation helpers for templates."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 160, 36, 3


@register.simple_tag
def sparkline(points: tuple[tuple[dt.date, float], ...], target: float | None = None) -> SafeString:
    """An inline SVG of a person's own recent values, with the target as a dashed line."""
    values = [v for _, v in points]
    if not values:
        return mark_safe("")
    scale_values = [*values, *([target] if target is not None else [])]
    low, high = min(scale_values), max(scale_values)
    span = (high - low) or 1.0
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(values) - 1, 1)

    def y(v: float) -> float:
        return SPARK_HEIGHT - SPARK_PAD - (v - low) / span * (SPARK_HEIGHT - 2 * SPARK_PAD)

    coords = " ".join(f"{SPARK_PAD + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    target_line = ""
    if target is not None:
        ty = y(target)
        target_line = f'<line x1="0" x2="{SPARK_WIDTH}" y1="{ty:.1f}" y2="{ty:.1f}" class="target"/>'
    return format_html(
        '<svg class="spark" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">{}'
        '<polyline points="{}"/></svg>',
        SPARK_WIDTH,
        SPARK_HEIGHT,
        SPARK_WIDTH,
        SPARK_HEIGHT,
        ", ".join(f"{v:g}" for v in values),
        mark_safe(target_line),
        coords,
    )


@register.filter
def num(value: float | None) -> str:
    """A number without pointless decimals: 120.0 -> 120, 0.125 -> 0.125."""
    if value is None:
        return "—"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
