"""saywho on Ray Data: quotes of a dataset's texts with ``map_batches`` on Arrow batches.

>>> import ray, saywho.ray                                          # doctest: +SKIP
>>> ds = ray.data.read_parquet("articles.parquet")                  # doctest: +SKIP
>>> saywho.ray.quotes(ds).write_parquet("quotes/")                  # doctest: +SKIP

Each task runs the Rust engine on a ``pyarrow.Table`` batch (``batch_format="pyarrow"``),
with one thread by default: Ray already runs one task per CPU it schedules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import saywho

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from ray.data import Dataset

__all__ = ["quotes", "QuoteBatches"]


class QuoteBatches:
    """The ``map_batches`` function of ``quotes``: a batch (``pyarrow.Table``) in, its quotes
    out. Usable as a class UDF too (``map_batches(QuoteBatches, fn_constructor_kwargs=...,
    concurrency=n)``), so that each actor builds its engine once."""

    def __init__(
        self,
        text_col: str = "text",
        id_col: str = "id",
        threads: Optional[int] = 1,
        errors: str = "record",
    ) -> None:
        self.text_col = text_col
        self.id_col = id_col
        self.threads = threads
        self.errors = errors

    def __call__(self, batch: "pyarrow.Table") -> "pyarrow.Table":
        return saywho.default_engine().extract_arrow(
            batch, self.text_col, self.id_col, threads=self.threads, errors=self.errors
        )


def quotes(
    dataset: "Dataset",
    text_col: str = "text",
    id_col: str = "id",
    *,
    threads: Optional[int] = 1,
    errors: str = "record",
    **map_batches_args: Any,
) -> "Dataset":
    """The quotes of ``dataset``'s texts: a dataset with one row per quote and the columns of
    ``saywho.COLUMNS`` (the CLI's CSV and Parquet output).

    ``text_col`` holds the texts, ``id_col`` the ids (when the dataset has no such column, a
    row's id is its index in its batch, so give ids for anything but a quick look); the
    columns ``url``, ``title``, ``date`` and ``outlet`` are copied when present. A document
    that cannot be processed is an error row (``errors="record"``, the default) or fails the
    task (``errors="raise"``). Other keyword arguments go to ``map_batches`` (``batch_size``,
    ``concurrency``, ``num_cpus``, …).
    """
    fn = QuoteBatches(text_col, id_col, threads, errors)
    return dataset.map_batches(fn, batch_format="pyarrow", **map_batches_args)
