"""Atomic output files: every file storygraph writes appears whole or not at all.

Each output is written to a temporary file in the target's own folder (so the final
rename never crosses a file system), flushed to disk, and renamed over the target. A
build killed half-way, or a disk that fills up, leaves the previous output as it was;
the error names the file and says how to get past it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from extract.errors import StorygraphError


class OutputError(StorygraphError):
    """An output file could not be written (full disk, no permission, a file too large)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: mkstemp creates files only its owner can read; outputs get the usual permissions.
_FILE_MODE = 0o666 & ~_umask()


def output_error(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"cannot write {os.fspath(path)}: {reason}; the previous file, if "
                       f"any, is unchanged. Free some disk space, check the folder's "
                       f"permissions, or write elsewhere (-o).")


class OutputSet:
    """Files written together and put in place together: all of them, or none.

    ``atomic_write(path, outputs=group)`` leaves its finished temporary file with the
    group; :meth:`commit` renames them all at the end (each rename is atomic, and they
    follow each other in microseconds), :meth:`discard` removes them. Used as a context
    manager it commits on a clean exit and discards on an error, so a build that fails
    while writing its third file leaves the first two as they were.
    """

    def __init__(self) -> None:
        self._done: list[tuple[str, Path]] = []

    def add(self, tmp: str, target: Path) -> None:
        self._done.append((tmp, target))

    def commit(self) -> None:
        try:
            for tmp, target in self._done:
                os.replace(tmp, target)
        except OSError as exc:
            self.discard()
            raise output_error(target, exc) from exc
        self._done.clear()

    def discard(self) -> None:
        for tmp, _ in self._done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._done.clear()

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", *,
                 encoding: str | None = "utf-8", newline: str | None = None,
                 outputs: OutputSet | None = None) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on a clean exit it replaces ``path`` (or,
    with ``outputs``, it waits for the group's commit).

    On any error the temporary file is removed and ``path`` is left as it was; an
    OSError becomes an :class:`OutputError` naming ``path``.
    """
    target = Path(path)
    binary = "b" in mode
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise output_error(target, exc) from exc
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding,
                       newline=None if binary else newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _FILE_MODE)
        if outputs is not None:
            outputs.add(tmp, target)
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise output_error(target, exc) from exc
        raise


def write_text(path: str | os.PathLike[str], text: str, *,
               outputs: OutputSet | None = None) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    with atomic_write(path, outputs=outputs) as fh:
        fh.write(text)


@contextlib.contextmanager
def staged_folder(folder: Path) -> Iterator[Path]:
    """A staging folder beside ``folder`` that replaces it only once the block has filled
    it without error (a failed write leaves the old folder as it was)."""
    import shutil

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(folder.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
