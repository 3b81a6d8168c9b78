"""Seniority in words. rolegraph's seniority levels 1-5 are O*NET's Job Zones 1-5 (the
ontology says so), so every output names a level as O*NET names its Job Zone (Job Zone
Reference, O*NET 29.2): one wording for the role page, ``show``, ``compare`` and the API."""

from __future__ import annotations

#: O*NET's names of the Job Zones.
JOB_ZONES = {
    1: "Little or No Preparation Needed",
    2: "Some Preparation Needed",
    3: "Medium Preparation Needed",
    4: "Considerable Preparation Needed",
    5: "Extensive Preparation Needed",
}


def level_text(level: int | None) -> str | None:
    """ "Job Zone 4 of 5: considerable preparation needed", or None for an unknown level."""
    if level is None or level not in JOB_ZONES:
        return None
    return f"Job Zone {level} of 5: {JOB_ZONES[level].lower()}"
