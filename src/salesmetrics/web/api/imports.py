"""``POST /api/imports/{table}``: upload a file into a canonical table, with the validation,
modes and messages of `salesmetrics import`; the report comes back as JSON."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Request, UploadFile

from salesmetrics.access.audit import Actor
from salesmetrics.access.roles import Permission
from salesmetrics.ingest.report import ImportResult
from salesmetrics.web.auth.guards import current_identity, require
from salesmetrics.web.auth.identity import client_of
from salesmetrics.web.deps import SourceDep
from salesmetrics.web.errors import ERROR_RESPONSES, ApiError

router = APIRouter(prefix="/api/imports", tags=["imports"], responses=ERROR_RESPONSES,
                   dependencies=[Depends(require(Permission.write))])  # fmt: skip

#: Uploads larger than this are refused (the command line takes any size).
MAX_BYTES = 512 * 1024 * 1024


Mode = Literal["upsert", "replace"]


def report_document(result: ImportResult) -> dict[str, Any]:
    """An import's outcome: counts, each kind of problem, warnings and notes."""
    return {
        "table": result.table,
        "file": result.file.name,
        "rows_read": result.rows_read,
        "inserted": result.inserted,
        "replaced": result.replaced,
        "removed": result.removed,
        "stored": result.stored,
        "rejected": result.rejected,
        "issue_count": result.issue_count,
        "problems": [
            {
                "column": p.column,
                "problem": p.reason,
                "rows": p.count,
                "lines": list(p.lines),
                "example": p.example,
                "hint": p.hint,
            }
            for p in result.problems
        ],
        "warnings": [str(w) for w in result.warnings],
        "notes": list(result.notes),
    }


def _safe_name(name: str | None) -> str:
    base = FilePath(name or "upload.csv").name.strip() or "upload.csv"
    return base.replace("/", "_").replace("\\", "_")


def actor_of(request: Request) -> Actor:
    """The audit log's actor of a request: the user and the client address."""
    return Actor(current_identity(request).name, client_of(request))


def run_import(
    source: SourceDep,
    table: str,
    upload: UploadFile,
    *,
    actor: Actor,
    mode: str = "upsert",
    preset: str | None = None,
    skip_invalid: bool = False,
    date_format: str | None = None,
    sheet: str | None = None,
    decimal: str | None = None,
    header_row: int | None = None,
    skip_rows: int = 0,
    allow_empty: bool = False,
) -> dict[str, Any]:
    """Store the uploaded file like `salesmetrics import` does; the report, or an ApiError
    whose detail is the report of a refused file (nothing stored then)."""
    from salesmetrics.ingest import ImportFailed, ImportOptions, import_file

    with tempfile.TemporaryDirectory(prefix="salesmetrics-upload-") as folder:
        path = FilePath(folder) / _safe_name(upload.filename)
        with path.open("wb") as out:
            shutil.copyfileobj(upload.file, out, length=1024 * 1024)
        if path.stat().st_size > MAX_BYTES:
            raise ApiError(
                413,
                f"{path.name} is larger than {MAX_BYTES // 2**20} MB; import "
                "it with `salesmetrics import` instead.",
            )
        options = ImportOptions(
            preset=preset or None,
            mode="replace" if mode == "replace" else "upsert",
            skip_invalid=skip_invalid,
            date_format=date_format or None,
            sheet=sheet or None,
            decimal=decimal or None,
            header_row=header_row,
            skip_rows=skip_rows,
            allow_empty=allow_empty,
        )
        with source.write() as ws:
            try:
                result = import_file(ws, table, path, options, actor=actor)
            except ImportFailed as failure:
                raise ApiError(
                    400, str(failure), "import_refused", report_document(failure.result)
                ) from None
        return report_document(result)


@router.post("/{table}", summary="Import a file into a canonical table")
def post_import(
    request: Request,
    source: SourceDep,
    table: Annotated[str, Path(description="Canonical table, e.g. opportunities.")],
    file: Annotated[UploadFile, File(description="A .csv, .xlsx or .parquet file.")],
    mode: Annotated[Mode, Form(description="upsert or replace.")] = "upsert",
    preset: Annotated[str | None, Form(description="salesforce or hubspot.")] = None,
    skip_invalid: Annotated[bool, Form(description="Store the valid rows only.")] = False,
    date_format: Annotated[str | None, Form(description="e.g. %d/%m/%Y.")] = None,
    sheet: Annotated[str | None, Form(description="Excel sheet.")] = None,
    decimal: Annotated[str | None, Form(description="'.' or ','.")] = None,
    header_row: Annotated[int | None, Form(ge=1, description="Line of the header.")] = None,
    skip_rows: Annotated[int, Form(ge=0, description="Lines above the header.")] = 0,
    allow_empty: Annotated[bool, Form(description="Let replace empty the table.")] = False,
) -> dict[str, Any]:
    """Strict unless ``skip_invalid``: a file with any invalid row stores nothing and the answer
    (400, ``import_refused``) carries every problem with its lines and how to fix it."""
    return run_import(
        source,
        table,
        file,
        actor=actor_of(request),
        mode=mode,
        preset=preset,
        skip_invalid=skip_invalid,
        date_format=date_format,
        sheet=sheet,
        decimal=decimal,
        header_row=header_row,
        skip_rows=skip_rows,
        allow_empty=allow_empty,
    )
