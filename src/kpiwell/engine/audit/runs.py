"""Per-group work on contiguous runs, in NumPy: the groups of a frame sorted by its key are runs of
rows, and runs of similar lengths become the rows of one padded array, sorted row by row (a SIMD
sort of short rows) instead of group by group. Used by the attainment model and the rules, so
Polars' median is reproduced in one place.

Every function returns None when the padded array would hold more than twice the values (runs of
very unequal lengths); the caller then takes its Polars way.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

MAX_PADDING: Final = 2  # padded cells per value beyond which the runs are left to Polars


def padded_runs(
    values: np.ndarray, start: np.ndarray, count: np.ndarray, out: np.ndarray | None = None
) -> np.ndarray | None:
    """The runs ``values[start[g] : start[g] + count[g]]`` (``count`` >= 1) as the rows of an array
    padded with NaN, written into ``out`` when given (as wide as the longest run, or wider); None
    for no runs or too much padding."""
    if count.size == 0 or count.size * int(count.max()) > MAX_PADDING * int(count.sum()):
        return None
    width = int(count.max()) if out is None else out.shape[1]
    if out is None:
        out = np.empty((count.size, width))
    if int(start.max()) + width <= values.size:
        # each row read as one window of the values: no index array as large as the rows
        # (fancy indexing: np.take on the windows is a hundred times slower)
        out[...] = sliding_window_view(values, width)[start]
    else:
        columns = np.arange(width)
        out[...] = values[np.where(columns < count[:, None], start[:, None] + columns, 0)]
    out[np.arange(width) >= count[:, None]] = np.nan
    return out


def padded_laid_out(values: np.ndarray, count: np.ndarray, pad: float = np.nan) -> np.ndarray | None:
    """:func:`padded_runs` for runs laid end to end (``values`` holds exactly the runs, in order):
    the real cells, row by row, take the values as they come, with no index arrays; runs of one
    length are the values reshaped. Padded with ``pad`` (NaN unless told)."""
    if count.size == 0 or count.size * int(count.max()) > MAX_PADDING * values.size:
        return None
    width = int(count.max())
    if values.size == count.size * width:
        return values.reshape(count.size, width)
    padded = np.full((count.size, width), pad)
    padded[np.arange(width) < count[:, None]] = values
    return padded


def run_medians(values: np.ndarray, count: np.ndarray) -> np.ndarray | None:
    """Polars' median of each run of ``values`` (runs of ``count`` values laid end to end): see
    :func:`padded_medians`. ``values`` may be left reordered within its runs."""
    padded = padded_laid_out(values, count)
    return None if padded is None else padded_medians(padded, count)


def padded_medians(padded: np.ndarray, count: np.ndarray) -> np.ndarray | None:
    """Polars' median of each row's first ``count`` values (NaN after them), to the last bit: the
    middle value, or for an even count ``lower + (upper - lower) * 0.5``.

    The rows are sorted in place where the array may be written. None when a value is not finite
    or is -0.0: Polars returns the lower of two equal middle values as it is (so -0.0 or 0.0 by
    where its selection left each zero, and inf for two), which a sorted row does not reproduce.
    """
    # every cell is a value or a NaN pad: the values are all finite when as many cells are
    if np.count_nonzero(np.isfinite(padded)) != int(count.sum()) or np.signbit(padded[padded == 0]).any():
        return None
    # in place where the array may be written (a copy, or the caller's own values reshaped): one
    # array of the values' size less to fault in
    if padded.flags.writeable:
        padded.sort(axis=1)
        ordered = padded
    else:
        ordered = np.sort(padded, axis=1)
    return sorted_medians(ordered, count)


def sorted_medians(ordered: np.ndarray, count: np.ndarray | None = None) -> np.ndarray:
    """Polars' median of each row of ``ordered``, whose rows are sorted ascending (row i's first
    ``count[i]`` cells; all of them when ``count`` is None), to the last bit for finite values
    without -0.0 (see :func:`plain`): the middle value, or for an even count
    ``lower + (upper - lower) * 0.5``, Polars' interpolation at the 0.5 quantile.
    """
    if count is None:
        width = ordered.shape[1]
        lower, upper = ordered[:, (width - 1) // 2], ordered[:, width // 2]
    else:
        rows = np.arange(count.size)
        lower, upper = ordered[rows, (count - 1) // 2], ordered[rows, count // 2]
    result: np.ndarray = lower + (upper - lower) * 0.5  # exactly lower for an odd count
    return result


def plain(values: np.ndarray) -> bool:
    """Finite and no negative zero: the values whose sorted rows give Polars' median by
    :func:`sorted_medians` (NumPy's sort does not order -0.0 and 0.0, nor NaN, as Polars does)."""
    if not np.isfinite(values).all():
        return False
    zero = values == 0
    # the sign bit is looked at on the zeros only (usually none)
    return not (zero.any() and np.signbit(values[zero]).any())
