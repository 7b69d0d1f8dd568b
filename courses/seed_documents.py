"""Documents a seed lesson offers for download, read from `fixtures/documents/`.

A lesson's `document` block names a file there instead of a database id:

    - document:
        file: model-mla-request.txt
        title: Model request for mutual legal assistance
        description: The worked model, to adapt.

The file becomes a Wagtail document (found again by its title and content hash, so a second
load adds nothing, and an edited file becomes a new document the lesson then offers).
"""

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

DOCUMENT_FIELDS = {"file", "title", "description"}


class DocumentSourceError(ValueError):
    """The block names no readable file inside the documents folder."""


def documents_dir(seed_file):
    """`fixtures/documents/` beside the `fixtures/courses/` folder the seed file is in."""
    return Path(seed_file).resolve().parent.parent / "documents"


def document_block_value(value, folder):
    """The `document` block's StreamField value for a seed entry naming a file."""
    if not isinstance(value, dict) or not {"file", "title"} <= set(value):
        raise DocumentSourceError("a document block needs 'file' and 'title'")
    unknown = sorted(set(value) - DOCUMENT_FIELDS)
    if unknown:
        raise DocumentSourceError(f"unknown field(s) {', '.join(unknown)}")
    folder = Path(folder).resolve()
    path = (folder / str(value["file"])).resolve()
    if folder not in path.parents or not path.is_file():
        raise DocumentSourceError(f"no file '{value['file']}' in {folder.name}/")
    content = path.read_bytes()
    document = _document(str(value["title"]), path.name, content)
    return {"document": document.pk, "description": str(value.get("description") or "")}


def _document(title, filename, content):
    model = get_document_model()
    file_hash = hashlib.sha1(content).hexdigest()  # noqa: S324 (Wagtail's own file_hash is SHA-1)
    existing = model.objects.filter(title=title, file_hash=file_hash).first()
    if existing is not None:
        return existing
    document = model(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document.file_size = len(content)
    document.file_hash = file_hash
    document.save()
    return document
