#!/usr/bin/env python3
"""Load a Replearn report, and optionally a sweep's cells, into pandas.

    python3 docs/examples/read_results.py REPORT_DIR [SWEEP_DIR]

REPORT_DIR is what `./replearn reproduce --out` wrote (or SWEEP_DIR/report); SWEEP_DIR is what `./replearn sweep
--out` wrote. Prints one row per claim, the negative controls, the report's tables and, with SWEEP_DIR, the cells per
claim. The functions are meant to be copied into a notebook. Needs pandas; reading cells.parquet needs pyarrow
(without it the reader falls back to cells.csv).
"""
import json
import sys
from pathlib import Path

import pandas as pd

SCHEMA_VERSION = 1
"""The claims.json layout this reader knows (docs/claims-json.md)."""

CLAIM_COLUMNS = ["id", "holds", "prediction.kind", "prediction.value", "measured.value", "measured.standard_error",
                 "measured.replicates", "tolerance.value"]


def load_document(report):
    """claims.json of REPORT_DIR as a dict; refuses a layout other than SCHEMA_VERSION."""
    path = Path(report) / "claims.json"
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"{path}: schema_version {doc.get('schema_version')!r}, this reader knows {SCHEMA_VERSION}")
    return doc


def claims_table(doc):
    """One row per claim: verdict, prediction, measurement with its standard error, tolerance (NaN where absent)."""
    claims = pd.json_normalize(doc["claims"])
    claims = claims.reindex(columns=CLAIM_COLUMNS + (["error"] if "error" in claims else []))
    numbers = ["prediction.value", "measured.value", "measured.standard_error", "tolerance.value"]
    claims[numbers] = claims[numbers].astype(float)  # null (undefined, or not finite) becomes NaN
    return claims


def controls_table(doc):
    """One row per negative control: its claim, what is deliberately wrong, whether the check rejected it."""
    rows = [{"id": c["id"], "variant": k["variant"], "rejected": k["rejected"],
             "measured.value": k["measured"]["value"]} for c in doc["claims"] for k in c.get("controls", [])]
    return pd.DataFrame(rows, columns=["id", "variant", "rejected", "measured.value"])


def details(doc, claim_id):
    """The details object of one claim (sizes, fits, curves), as a dict."""
    return next(c["details"] for c in doc["claims"] if c["id"] == claim_id)


def report_tables(report):
    """Every CSV table of the report, one row per run of a claim's sweep, by file name without .csv."""
    return {p.stem: pd.read_csv(p) for p in sorted(Path(report).glob("*.csv"))}


def sweep_cells(sweep):
    """The sweep's cells, one row each; result_json parsed into a dict (the Java-serialized result left out)."""
    sweep = Path(sweep)
    try:
        cells = pd.read_parquet(sweep / "cells.parquet")
    except ImportError:  # no pyarrow (or fastparquet): the CSV holds the same rows
        cells = pd.read_csv(sweep / "cells.csv")
    cells = cells.drop(columns=["result"])
    cells["result_json"] = cells["result_json"].map(lambda s: json.loads(s) if isinstance(s, str) and s else None)
    return cells


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    doc = load_document(argv[1])
    claims = claims_table(doc)
    controls = controls_table(doc)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_columns", None)
    print(f"claims: {len(claims)}, holding: {int(claims['holds'].sum())}")
    print(claims.to_string(index=False))
    print(f"controls: {len(controls)}, rejected: {int(controls['rejected'].sum())}")
    for name, table in report_tables(argv[1]).items():
        print(f"table {name}: {len(table)} rows, columns {', '.join(table.columns)}")
    if len(argv) == 3:
        cells = sweep_cells(argv[2])
        print(f"cells: {len(cells)}")
        per_claim = cells.groupby(["claim", "status"]).agg(cells=("cell", "size"), cpu_seconds=("cpu_seconds", "sum"))
        print(per_claim.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
