"""Importers by name, in the order the admin and the command line list them."""

from lms.imports.importer import Importer

_importers: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    if importer.name in _importers:
        raise ValueError(f"An importer named {importer.name!r} is already registered")
    _importers[importer.name] = importer
    return importer


def get(name: str) -> Importer:
    try:
        return _importers[name]
    except KeyError:
        raise LookupError(name) from None


def names() -> list[str]:
    return list(_importers)


def all_importers() -> list[Importer]:
    return list(_importers.values())


def importers_for(user) -> list[Importer]:
    return [i for i in _importers.values() if i.can_import(user)]


def importer_label(name: str) -> str:
    """The importer's name for people ("Personas"); the machine name if unknown."""
    importer = _importers.get(name)
    return str(importer.label) if importer is not None else name
