"""Lesson blocks: what a trainer of cross-border police cooperation writes with.

Each block renders with a template under `templates/blocks/` and carries a
`preview_value`, so the admin's block previews show a real example. Other apps import
these; renaming a block class breaks old migrations, so don't.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


# A chooser block's preview needs a real image or document: the library's first, if any.
# Wagtail calls these when it draws the preview.


def _image_preview():
    from wagtail.images import get_image_model

    return {
        "image": get_image_model().objects.order_by("pk").first(),
        "alt_text": "Officers of two agencies at a joint briefing",
        "caption": "A joint briefing before a cross-border operation.",
    }


def _document_preview():
    from wagtail.documents import get_document_model

    return {
        "document": get_document_model().objects.order_by("pk").first(),
        "description": "The request form, to fill in before you send it.",
    }


class KeyPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, default=_("Key point"))
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "pick"
        template = "blocks/key_point.html"
        label = _("Key point")
        description = _("A short point the learner must remember, set apart from the text.")
        preview_value = {
            "title": "Key point",
            "text": "Mutual legal assistance is a formal channel between states; "
            "police-to-police cooperation is faster but cannot replace it for evidence.",
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    scenario = blocks.RichTextBlock(label=_("Scenario"), features=RICH_TEXT_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question"), max_length=400),
        label=_("Questions to consider"),
        min_num=0,
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/case_study.html"
        label = _("Case study")
        description = _("A realistic scenario with questions for the learner to think through.")
        preview_value = {
            "title": "A request from a neighbouring state",
            "scenario": "<p>A partner agency asks for subscriber data held by a local "
            "internet provider in a trafficking case.</p>",
            "questions": ["Which channel should the request use?", "Who must authorise it?"],
        }


class QuotationBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quoted words"))
    source = blocks.CharBlock(label=_("Source"), max_length=255)
    reference = blocks.CharBlock(
        label=_("Reference number"),
        max_length=40,
        required=False,
        help_text=_("The source paper's reference number(s), e.g. [4]."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quotation.html"
        label = _("Quotation")
        description = _("Words quoted exactly, with their source and reference number.")
        preview_value = {
            "text": "Zcash, Monero, and Ethereum cryptocurrencies on the darknet",
            "source": "Sarmonov 2025, Literature review",
            "reference": "[4]",
        }


class LegalInstrumentBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=255)
    year = blocks.IntegerBlock(label=_("Year"), min_value=1800, max_value=2200)
    article = blocks.CharBlock(label=_("Article"), max_length=160, required=False)
    url = blocks.URLBlock(label=_("Link to the text"), required=False)

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/legal_instrument.html"
        label = _("Legal instrument")
        description = _("A treaty, convention or resolution, with the article that matters.")
        preview_value = {
            "name": "United Nations Convention against Transnational Organized Crime",
            "year": 2000,
            "article": "Art. 18 (mutual legal assistance)",
            "url": "https://www.unodc.org/unodc/en/organized-crime/intro/UNTOC.html",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        help_text=_("What the image shows, for learners who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"
        label = _("Image")
        description = _("An image with a caption and alternative text.")
        preview_value = staticmethod(_image_preview)


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video URL"))
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    transcript = blocks.RichTextBlock(label=_("Transcript"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = _("Video with transcript")
        description = _("An embedded video; the transcript makes it usable without sound.")
        # No video in the preview: drawing one would fetch it from its provider.
        preview_value = {
            "video": None,
            "title": "How a request for mutual legal assistance travels",
            "transcript": "<p>The request leaves the central authority of the requesting "
            "state and reaches its counterpart, which passes it to the court that executes it.</p>",
        }


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), max_length=255, required=False)

    class Meta:
        icon = "download"
        template = "blocks/document_download.html"
        label = _("Document download")
        description = _("A file the learner can download, such as a form or a treaty text.")
        preview_value = staticmethod(_document_preview)


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=160)
    definition = blocks.TextBlock(label=_("Definition"))

    class Meta:
        icon = "help"
        template = "blocks/glossary_term.html"
        label = _("Glossary term")
        description = _("A term and its plain-language definition.")
        preview_value = {
            "term": "Joint investigation team",
            "definition": "A team set up by agreement between two or more states for a "
            "specific investigation and a limited time.",
        }


class LessonBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/rich_text.html",
        preview_value="<p>Transnational crime does not stop at borders; investigations "
        "that follow it need partners abroad.</p>",
        description=_("Paragraphs, headings, lists and links."),
    )
    key_point = KeyPointBlock()
    case_study = CaseStudyBlock()
    quotation = QuotationBlock()
    legal_instrument = LegalInstrumentBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    document = DocumentDownloadBlock()
    glossary_term = GlossaryTermBlock()
