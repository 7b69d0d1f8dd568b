"""Load the translated seed courses: `fixtures/courses/<language>/<course>.yaml`.

A translation file mirrors its English file (fixtures/README.md, "Translations"): the same
structure, slugs, keys, right answers and numbers, with the words translated. The English
file stays the source. Its translation is made the way a trainer makes one in the admin:
with wagtail-localize, segment by segment, so the translated pages and questions have the
same identity as their source, the translation editor shows every segment as translated,
and a later change to the English marks the segments out of date.

How a segment finds its translation: the two files are walked side by side, every English
text is paired with the text at the same place in the translation (an HTML text paragraph
by paragraph, split as wagtail-localize splits it), and each segment of a page (or bank
question) is looked up by its English words. A segment without a translation is an error
that names it: nothing half-translated is published.
"""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Page

from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.strings import StringValue, extract_strings

from courses.models import CoursePage, TranslationSeedRecord
from courses.seed_specs import SeedError, digest, read_seed_file

# Fields a translation keeps exactly as in the English file; apps add their own
# (`register_kept_fields`: the quizzes app keeps right answers, marks and quiz settings).
KEPT = {
    "slug",
    "key",
    "type",
    "level",
    "prerequisites",
    "subjects",
    "estimated_minutes",
    "estimated_duration_minutes",
    "url",
    "reference",
    "year",
}
# Lists a translation may make longer or shorter: a short answer's accepted answers.
FREE_LENGTH = {"accepted"}
# Values a translation may change: a translated handout (`document` block).
FREE_VALUE = {"file"}

TRANSLATED_OBJECT_FINDERS = []


def register_kept_fields(names):
    """Fields of an app's seed entries that a translation keeps as in the English file."""
    KEPT.update(names)


def register_translated_objects(finder):
    """`finder(course)` gives the non-page objects of an English course to translate too
    (the quizzes app gives the questions of its final-assessment banks)."""
    TRANSLATED_OBJECT_FINDERS.append(finder)


def translation_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def translation_files(folder):
    """[(language, path)] of every translation file under `folder`, by language and name."""
    folder = Path(folder)
    return [
        (language, path)
        for language in translation_languages()
        for path in sorted((folder / language).glob("*.yaml"))
    ]


def _looks_like_html(text):
    return text.lstrip().startswith("<")


def _pair_texts(source, translated, spec, pairs):
    source, translated = source.strip(), translated.strip()
    if _looks_like_html(source):
        _template, source_strings = extract_strings(source)
        _template, translated_strings = extract_strings(translated)
        if len(source_strings) != len(translated_strings):
            raise SeedError(
                f"the translation has {len(translated_strings)} paragraphs or list items "
                f"where the English has {len(source_strings)}: keep the HTML's shape",
                spec,
            )
        pairs.extend(
            (english.data, words.data)
            for (english, _attrs), (words, _attrs2) in zip(
                source_strings, translated_strings, strict=True
            )
        )
    pairs.append(
        (StringValue.from_plaintext(source).data, StringValue.from_plaintext(translated).data)
    )


def pair_specs(source, translated, *, key=None, spec=None, pairs=None):
    """Check that `translated` mirrors `source`; returns [(English words, translation)].

    Raises SeedError, naming the line of the translation file, where they differ.
    """
    pairs = [] if pairs is None else pairs
    here = translated if hasattr(translated, "line") else spec
    if isinstance(source, dict):
        if not isinstance(translated, dict) or set(source) != set(translated):
            expected = ", ".join(sorted(source))
            raise SeedError(f"expected the same fields as the English file ({expected})", here)
        for name, value in source.items():
            pair_specs(value, translated[name], key=name, spec=here, pairs=pairs)
    elif isinstance(source, list):
        if key in FREE_LENGTH:
            if not isinstance(translated, list) or not all(
                isinstance(item, str | int | float) and str(item).strip() for item in translated
            ):
                raise SeedError(f"'{key}' must be a list of answers", here)
            joined = [
                "\n".join(str(item).strip() for item in items) for items in (source, translated)
            ]
            pairs.append(tuple(StringValue.from_plaintext(text).data for text in joined))
            return pairs
        if not isinstance(translated, list) or len(translated) != len(source):
            raise SeedError(
                f"'{key}' must have {len(source)} entries, as in the English file", here
            )
        for item, translated_item in zip(source, translated, strict=True):
            pair_specs(item, translated_item, key=key, spec=here, pairs=pairs)
    elif key in FREE_VALUE:
        pass
    elif isinstance(source, str) and (key not in KEPT or key == "scenario"):
        # (`scenario` is a question's flag, kept, and a case study's text, translated.)
        if not isinstance(translated, str) or not translated.strip():
            raise SeedError(f"'{key}' must be translated text", here)
        _pair_texts(source, translated, here, pairs)
    elif translated != source:
        raise SeedError(f"'{key}' must stay as in the English file ({source!r})", here)
    elif isinstance(source, str):  # kept words, such as a slug: a segment of their own
        pairs.append((StringValue.from_plaintext(source).data,) * 2)
    return pairs


def translate_object(instance, locale, words, *, spec, stats, overrides=None):
    """Create or update the translation of `instance` into `locale` from `words`.

    `words` maps each English segment to its translation; `overrides` maps the path of a
    synchronised segment (such as a document chooser) to the value the translation uses.
    Unchanged since the last load: nothing is saved.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = translation.export_po()
    missing = []
    for entry in po:
        entry.msgstr = words.get(entry.msgid, "")
        if not entry.msgstr:
            missing.append(entry.msgid)
    if missing:
        sample = "; ".join(text[:80] for text in missing[:3])
        raise SeedError(
            f"{type(instance).__name__} '{instance}': {len(missing)} text(s) of the English "
            f"have no translation in this file, e.g. {sample}",
            spec,
        )
    fingerprint = digest(
        [
            source.content_json,
            [(e.msgctxt, e.msgstr) for e in po],
            sorted((overrides or {}).items()),
        ]
    )
    target = instance.get_translation_or_none(locale)
    record = TranslationSeedRecord.objects.filter(translation=translation).first()
    if target is not None and record is not None and record.digest == fingerprint:
        stats["unchanged"] += 1
        return target
    translation.import_po(po)
    for path, value in (overrides or {}).items():
        _override(translation, path, value)
    publish_translation(translation, instance)
    TranslationSeedRecord.objects.update_or_create(
        translation=translation, defaults={"digest": fingerprint}
    )
    stats["translated" if target is None else "updated"] += 1
    return instance.get_translation(locale)


def publish_translation(translation, instance):
    """Save the translation's target and publish it now.

    (wagtail-localize publishes a page once the transaction commits; a seed load and a
    test publish at once, inside theirs.)
    """
    if not isinstance(instance, Page):
        translation.save_target(publish=True)  # a question has no drafts
        return
    translation.save_target(publish=False)
    instance.get_translation(translation.target_locale).get_latest_revision().publish()


def _override(translation, path, value):
    from wagtail_localize.models import OverridableSegment, SegmentOverride

    segment = OverridableSegment.objects.filter(
        source=translation.source, context__path=path
    ).first()
    if segment is None:
        return
    SegmentOverride.objects.update_or_create(
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data_json": json.dumps(value)},
    )


def _by_place(course_spec):
    """{(module slug, step slug): spec} of a course file, and () for the course itself."""
    places = {(): course_spec}
    for module in course_spec.get("modules") or []:
        places[(module["slug"],)] = module
        for step in module.get("steps") or []:
            places[(module["slug"], step["slug"])] = step
    return places


def _document_overrides(page, english, translated, english_path):
    """A translated handout: the document block of the translation offers its own file."""
    from courses.seed_documents import document_block_value, documents_dir

    if english is None or translated is None or "body" not in english:
        return {}
    overrides = {}
    blocks = list(getattr(page, "body", None) or [])
    for block, source, words in zip(blocks, english["body"], translated["body"], strict=False):
        if block.block_type != "document":
            continue
        if source["document"]["file"] == words["document"]["file"]:
            continue
        try:
            value = document_block_value(words["document"], documents_dir(english_path))
        except ValueError as error:
            raise SeedError(f"document block: {error}", translated) from error
        overrides[f"body.{block.id}.document"] = value["document"]
    return overrides


def load_translation_file(path, language, *, catalog=None):
    """Translate the English course that `path` translates into `language`."""
    path = Path(path)
    english_path = path.parent.parent / path.name
    if not english_path.exists():
        raise SeedError(f"there is no English file {english_path.name} to translate", file=path)
    spec = read_seed_file(path)
    english = read_seed_file(english_path)
    words = dict(pair_specs(english, spec, spec=spec))
    locale = Locale.objects.get(language_code=language)
    course = CoursePage.objects.filter(
        slug=english["slug"], locale__language_code=settings.LANGUAGE_CODE
    )
    if catalog is not None:
        course = course.child_of(catalog)
    course = course.first()
    if course is None:
        raise SeedError(f"load the English course '{english['slug']}' first", file=path)
    stats = Counter()
    translated_steps, english_steps = _by_place(spec), _by_place(english)
    with transaction.atomic():
        for page in [course, *course.get_descendants().specific().order_by("path")]:
            # (module slug, step slug) below the course; () for the course itself
            place = tuple(page.url_path[len(course.url_path) :].split("/")[:-1])
            overrides = _document_overrides(
                page, english_steps.get(place), translated_steps.get(place), english_path
            )
            translate_object(page, locale, words, spec=spec, stats=stats, overrides=overrides)
        for finder in TRANSLATED_OBJECT_FINDERS:
            for instance in finder(course):
                translate_object(instance, locale, words, spec=spec, stats=stats)
    return stats
