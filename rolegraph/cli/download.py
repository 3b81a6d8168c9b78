"""``rolegraph download``: fetch an official release into the data folder, checked, for
``rolegraph import`` to read."""

from __future__ import annotations

from typing import Any

import click
from tqdm import tqdm

from rolegraph.api import RoleGraph
from rolegraph.cli import EXIT_OK, emit, format_option, session_options
from rolegraph.download import SOURCES


@click.command(name="download")
@click.argument("kind", type=click.Choice(list(SOURCES)))
@click.option(
    "--release",
    help="The release to fetch (onet: 29.2, the default; crosswalk: MCC or Nov2020; esco: 1.1.1).",
)
@click.option(
    "--to",
    "root",
    type=click.Path(file_okay=False),
    help="The data folder (default: ROLEGRAPH_DATA_DIR, else ./rolegraph-data).",
)
@click.option(
    "--url",
    help="Fetch from this address instead (a mirror, or file://); env ROLEGRAPH_ONET_URL, "
    "ROLEGRAPH_CROSSWALK_URL, ROLEGRAPH_ESCO_URL ({release} and {release_} are filled in).",
)
@click.option("--sha256", help="The SHA-256 the download must have.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@format_option("text", "json")
@session_options
def download_command(
    kind: str,
    release: str | None,
    root: str | None,
    url: str | None,
    sha256: str | None,
    quiet: bool,
    output_format: str,
) -> int:
    """Download an official release (onet, crosswalk or esco) into the data folder.

    The download is checked (size, published checksum where known, archive integrity) and put
    in place only when whole; then `rolegraph import KIND` reads it without a PATH.
    """
    ctx = click.get_current_context()
    bar: Any = None

    def progress(done: int, total: int | None) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=total,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc=f"{kind} {release or SOURCES[kind].default_release}",
                disable=True if quiet else None,
                leave=False,
            )
        bar.update(done - bar.n)

    try:
        result = RoleGraph.download(
            kind, release, root=root, url=url, sha256=sha256, progress=progress
        )
    finally:
        if bar is not None:
            bar.close()
    check = "checksum verified" if result.verified else "size checked; no published checksum"
    text = (
        f"downloaded {result.kind} {result.release}: {result.bytes:,} bytes from {result.url}\n"
        f"sha256 {result.sha256} ({check})\n"
        f"{result.files} file{'s' if result.files != 1 else ''} in {result.path}\n"
        f"next: rolegraph import {result.kind}"
    )
    emit(ctx, result.to_dict(), text)
    return EXIT_OK


COMMANDS = [download_command]
