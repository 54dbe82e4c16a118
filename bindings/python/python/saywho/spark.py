"""saywho on Spark: quotes of a DataFrame's texts with ``mapInArrow``, and the store
report's gender aggregates over them.

>>> quotes = saywho.spark.quotes(df)                     # doctest: +SKIP
>>> quotes.groupBy("speaker").count().orderBy("count", ascending=False).show()  # doctest: +SKIP
>>> tables = saywho.spark.report(quotes)                 # doctest: +SKIP
>>> tables["by_outlet"].show()                           # doctest: +SKIP

Each Spark task runs the Rust engine in its Python worker on Arrow batches (no row-by-row
Python), with one thread per task by default: Spark already runs one task per core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterator, Optional

import saywho

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["quotes", "quote_struct", "report"]


def quote_struct() -> "StructType":
    """The Spark schema of quote tables: ``saywho.COLUMNS`` with the Parquet output's types
    (``group``/``start``/``end`` long, ``confidence`` float, the rest strings)."""
    from pyspark.sql.types import (
        FloatType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    types = {"string": StringType(), "int64": LongType(), "float32": FloatType()}
    return StructType(
        [
            StructField(name, types[kind], nullable=nullable)
            for name, kind, nullable in saywho._COLUMN_TYPES
        ]
    )


def quotes(
    df: "DataFrame",
    text_col: str = "text",
    id_col: str = "id",
    *,
    threads: Optional[int] = 1,
    errors: str = "record",
) -> "DataFrame":
    """The quotes of ``df``'s texts: a DataFrame with one row per quote and the columns of
    ``saywho.COLUMNS`` (the CLI's CSV and Parquet output).

    ``text_col`` holds the texts; ``id_col`` the document ids (when ``df`` has no such
    column, ids are made with ``monotonically_increasing_id``); the columns ``url``,
    ``title``, ``date`` and ``outlet`` are copied to the quotes when ``df`` has them. A
    document that cannot be processed (null text, over the 5 MB limit) is an error row with
    ``errors="record"`` (the default) and fails the task with ``errors="raise"``.
    ``threads`` is per task (default 1: Spark runs one task per core).
    """
    from pyspark.sql import functions as F

    if text_col not in df.columns:
        raise ValueError(f"no column {text_col!r} in the DataFrame ({df.columns})")
    columns = [F.col(text_col).alias("text")]
    if id_col in df.columns:
        columns.append(F.col(id_col).cast("string").alias("id"))
    else:
        columns.append(F.monotonically_increasing_id().cast("string").alias("id"))
    for name in saywho.META_COLUMNS:
        if name in df.columns and name not in (text_col, id_col):
            columns.append(F.col(name).cast("string").alias(name))

    def extract(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        import pyarrow as pa

        import saywho as sw

        engine = sw.default_engine()
        for batch in batches:
            for out in engine.iter_arrow_batches(
                batch, "text", "id", threads=threads, errors=errors
            ):
                yield pa.record_batch(out)

    return df.select(*columns).mapInArrow(extract, quote_struct())


def report(quotes_df: "DataFrame") -> Dict[str, "DataFrame"]:
    """The store report's gender aggregates over a quote DataFrame (``quotes``' output): how
    many quoted people and how many quotes are female, male and unknown, overall, by outlet
    and by month.

    Returns ``{"overall": df, "by_outlet": df, "by_month": df}``; each DataFrame has the
    columns ``group`` (``""`` overall; the outlet, or ``"(none)"``; the month ``YYYY-MM``
    from the first 7 characters of ``date``, or ``"(no date)"``), ``people_female``,
    ``people_male``, ``people_unknown``, ``quotes_female``, ``quotes_male``,
    ``quotes_unknown`` and ``quotes``. By outlet the most quoted come first; by month in time
    order, ``(no date)`` last.

    As in the store: **by quotes**, each quote with a speaker counts once, with the gender its
    own article shows; **by people**, each distinct ``speaker_key`` counts once, with the
    gender most of its articles show (female when more articles show female than male, male
    in the opposite case, else unknown); unnamed speakers have no key and count only by
    quotes. Error rows and quotes without a speaker are left out. Unlike the store, which
    knows each speaker's entity type, the quote columns do not say whether a speaker is a
    person, so organisations are counted too, as unknown (the engine never gives one a
    gender).
    """
    from pyspark.sql import functions as F

    q = (
        quotes_df.where(F.col("error_kind").isNull() & F.col("speaker").isNotNull())
        .select(
            "doc_id",
            "speaker_key",
            F.coalesce(F.col("speaker_gender"), F.lit("unknown")).alias("gender"),
            F.coalesce(F.col("outlet"), F.lit("(none)")).alias("outlet"),
            F.coalesce(F.substring(F.col("date"), 1, 7), F.lit("(no date)")).alias("month"),
        )
        .withColumn(
            "gender",
            F.when(F.col("gender").isin("female", "male"), F.col("gender")).otherwise(
                F.lit("unknown")
            ),
        )
    )
    # A key's corpus-wide gender: one vote per document.
    votes = q.where(F.col("speaker_key").isNotNull()).select("doc_id", "speaker_key", "gender").distinct()
    key_gender = votes.groupBy("speaker_key").agg(
        F.sum(F.when(F.col("gender") == "female", 1).otherwise(0)).alias("f"),
        F.sum(F.when(F.col("gender") == "male", 1).otherwise(0)).alias("m"),
    ).select(
        "speaker_key",
        F.when(F.col("f") > F.col("m"), F.lit("female"))
        .when(F.col("m") > F.col("f"), F.lit("male"))
        .otherwise(F.lit("unknown"))
        .alias("key_gender"),
    )

    def counts(frame: "DataFrame", gender_col: str, prefix: str) -> "DataFrame":
        return frame.groupBy("group").agg(
            *[
                F.sum(F.when(F.col(gender_col) == g, 1).otherwise(0)).cast("long").alias(f"{prefix}_{g}")
                for g in ("female", "male", "unknown")
            ]
        )

    def shares(group: "F.Column") -> "DataFrame":
        grouped = q.withColumn("group", group)
        by_quotes = counts(grouped, "gender", "quotes")
        people = (
            grouped.where(F.col("speaker_key").isNotNull())
            .select("group", "speaker_key")
            .distinct()
            .join(key_gender, "speaker_key")
        )
        by_people = counts(people, "key_gender", "people")
        zero = F.lit(0).cast("long")
        joined = by_people.join(by_quotes, "group", "full_outer")
        cols = [f"people_{g}" for g in ("female", "male", "unknown")] + [
            f"quotes_{g}" for g in ("female", "male", "unknown")
        ]
        out = joined.select(
            "group", *[F.coalesce(F.col(c), zero).alias(c) for c in cols]
        )
        return out.withColumn(
            "quotes", F.col("quotes_female") + F.col("quotes_male") + F.col("quotes_unknown")
        )

    overall = shares(F.lit(""))
    if overall.limit(1).count() == 0:
        spark = quotes_df.sparkSession
        zeros = [("",) + (0,) * 7]
        overall = spark.createDataFrame(zeros, overall.schema)
    by_outlet = shares(F.col("outlet")).orderBy(F.col("quotes").desc(), F.col("group"))
    by_month = shares(F.col("month")).orderBy(
        (F.col("group") == "(no date)").cast("int"), F.col("group")
    )
    return {"overall": overall, "by_outlet": by_outlet, "by_month": by_month}
