"""Charts drawn on the server as SVG: geometry here, markup in templates/reports/includes.

Each chart comes with the same numbers as a table, so it reads without sight and without
JavaScript; the SVG is one image with a title and a description.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from courses.models import StepCompletion

WIDTH = 640
BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 220
VALUE_WIDTH = 60


@dataclass
class Bar:
    label: str
    value: float
    shown: str
    x: int
    y: int
    width: int
    text_y: int


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    value_heading: str
    bars: list
    width: int = WIDTH
    height: int = 0
    label_width: int = LABEL_WIDTH
    value_x: int = 0


def bar_chart(chart_id, title, description, value_heading, items, maximum=None, unit=""):
    """Horizontal bars for [(label, value)]; `maximum` fixes the scale (100 for percents)."""
    maximum = maximum or max((value for _label, value in items), default=0) or 1
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bars.append(
            Bar(
                label=str(label),
                value=value,
                shown=f"{value:g}{unit}",
                x=LABEL_WIDTH,
                y=y,
                width=max(0, round(plot * value / maximum)),
                text_y=y + BAR_HEIGHT - 6,
            )
        )
    return BarChart(
        id=chart_id,
        title=str(title),
        description=str(description),
        value_heading=str(value_heading),
        bars=bars,
        height=GAP + len(items) * (BAR_HEIGHT + GAP),
        value_x=WIDTH - VALUE_WIDTH + 6,
    )


def score_bands(percents, width=10):
    """[(“0–9”, n), ..., (“90–100”, n)]: how many grades fall in each band of `width` %."""
    counts = [0] * (100 // width)
    for value in percents:
        if value is None:
            continue
        counts[min(int(value) // width, len(counts) - 1)] += 1
    labels = [f"{low}–{low + width - 1}" for low in range(0, 100, width)]
    labels[-1] = f"{100 - width}–100"
    return list(zip(labels, counts, strict=True))


def weekly_activity(user_ids, weeks=12, today=None):
    """[(week's Monday, steps completed)] for the last `weeks` weeks, one grouped query."""
    today = today or timezone.localdate()
    first_monday = today - datetime.timedelta(days=today.weekday() + 7 * (weeks - 1))
    start = timezone.make_aware(datetime.datetime.combine(first_monday, datetime.time.min))
    per_day = (
        StepCompletion.objects.filter(user_id__in=user_ids, completed_at__gte=start)
        .annotate(day=TruncDate("completed_at"))
        .order_by()
        .values("day")
        .annotate(n=Count("pk"))
    )
    counts = {first_monday + datetime.timedelta(weeks=i): 0 for i in range(weeks)}
    for row in per_day:
        monday = row["day"] - datetime.timedelta(days=row["day"].weekday())
        if monday in counts:
            counts[monday] += row["n"]
    return list(counts.items())
