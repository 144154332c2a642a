"""The rules of the overstap: vocabularies, dossier fields, validation, schedule, status. No Qt, no DB."""
