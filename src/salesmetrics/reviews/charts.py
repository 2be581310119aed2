"""Charts drawn into the review file itself: matplotlib (no screen) to a PNG data URI."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence


def bars(
    labels: Sequence[str], values: Sequence[float | None], title: str, horizontal: bool = False
) -> str | None:
    """A bar chart as ``data:image/png;base64,…`` (None when there is nothing to draw)."""
    points = [
        (str(label), float(v))
        for label, v in zip(labels, values, strict=True)
        if v is not None and v == v
    ]
    if not points:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    from salesmetrics.insights.findings import number

    fig, ax = plt.subplots(
        figsize=(7.5, 3.0 if not horizontal else 0.3 * len(points) + 1.2), dpi=110
    )
    names, numbers = zip(*points, strict=True)
    if horizontal:
        ax.barh(list(names)[::-1], list(numbers)[::-1], color="#0550ae")
    else:
        ax.bar(list(names), list(numbers), color="#0550ae")
        ax.tick_params(axis="x", labelrotation=30 if len(points) > 5 else 0, labelsize=8)
    # 4,000,000 on the value axis, never "1e6" above it
    (ax.xaxis if horizontal else ax.yaxis).set_major_formatter(
        FuncFormatter(lambda v, _: number(v))
    )
    ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x" if horizontal else "y", alpha=0.3)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
