"""Bar charts of the evaluation as PNG for the follow-up report.

Black-and-white friendly: grey fills with hatching and the count printed on each bar, so
a photocopy still reads. matplotlib is imported inside the function (with the Agg
backend) so the app starts without it and nothing opens a window.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache

HATCHES = ("//", "..", "xx", "\\\\", "--", "++")
GREYS = ("#f0f0f0", "#d0d0d0", "#b0b0b0", "#909090", "#e0e0e0", "#c0c0c0")


def bar_chart(labels: Sequence[str], counts: Sequence[int], title: str, axis: str) -> bytes:
    """A PNG (150 dpi, about 14 x 6 cm) of one bar per label, each with its count.

    The same chart is drawn once and kept: drawing costs a tenth of a second, and a report
    is downloaded again and again while its evaluation stays the same (issue 13)."""
    return _drawn(tuple(labels), tuple(counts), title, axis)


@lru_cache(maxsize=32)
def _drawn(labels: tuple[str, ...], counts: tuple[int, ...], title: str, axis: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, ax = plt.subplots(figsize=(5.6, 2.4), dpi=150)
    try:
        bars = ax.bar(
            range(len(counts)),
            counts,
            color=[GREYS[i % len(GREYS)] for i in range(len(counts))],
            edgecolor="black",
            linewidth=1,
            hatch=None,
        )
        for index, bar in enumerate(bars):
            bar.set_hatch(HATCHES[index % len(HATCHES)])
            ax.annotate(
                str(counts[index]),
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center", va="bottom", fontsize=9, xytext=(0, 2),
                textcoords="offset points",
            )  # fmt: skip
        ax.set_xticks(range(len(labels)), labels, fontsize=9)
        ax.set_ylabel(axis, fontsize=9)
        ax.set_title(title, fontsize=10)
        ax.set_ylim(0, max([*counts, 1]) * 1.25)
        ax.spines[["top", "right"]].set_visible(False)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        figure.tight_layout()
        out = io.BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(figure)
