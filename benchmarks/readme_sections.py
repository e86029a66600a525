"""benchmarks/README.md is made of sections, one per script; each script rewrites its own."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"
TITLE = "# Benchmarks\n"


def replace_section(heading: str, section: str, readme: Path = README) -> None:
    """Replace the section that starts with `heading` (up to the next "## "), or append it.

    Args:
        heading: The section's "## ..." line, as it appears in the README.
        section: The new section's text, starting with `heading`.
        readme: The README to edit.
    """
    text = readme.read_text() if readme.exists() else TITLE
    body = section.rstrip("\n") + "\n"
    if heading in text:
        before, _, rest = text.partition(heading)
        following = rest.find("\n## ")
        after = "\n" + rest[following + 1 :] if following >= 0 else ""
        text = before + body + after
    else:
        text = text.rstrip("\n") + "\n\n" + body
    readme.write_text(text)
