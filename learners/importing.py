"""Import learners into a cohort from a CSV or XLSX file: read, check row by row, then apply.

`read_rows` turns a file into numbered rows; `plan_import` says, for each row, whether it
creates an account, updates one (matched by username, else by e-mail) or is wrong and why;
`apply_import` writes a plan with no errors in one transaction, so a file goes in whole or
not at all. Between preview and confirmation the rows travel signed inside the form
(`sign_rows` / `unsign_rows`), so nothing is kept on one server's disk.
"""

import contextlib
import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from learners.models import LearnerProfile

COLUMNS = ["username", "first_name", "last_name", "email", "agency", "rank", "preferred_language"]
REQUIRED = {"username", "email"}
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
SIGNING_SALT = "learners.import"
SIGNED_FOR_SECONDS = 60 * 60

PROFILE_FIELDS = ("agency", "rank", "preferred_language")
USER_FIELDS = ("first_name", "last_name", "email")


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing of it is used."""


def _header_key(value):
    return (
        str(value or "")
        .strip()
        .lower()
        .replace(" ", "_")
        .replace("-", "_")
        .replace("e_mail", "email")
    )


def _rows_from_table(table, filename):
    table = iter(table)
    header = next(table, None)
    if header is None:
        raise ImportFileError(_("%(file)s is empty.") % {"file": filename})
    keys = [_header_key(cell) for cell in header]
    missing = [column for column in COLUMNS if column not in keys]
    if missing:
        raise ImportFileError(
            _("%(file)s, row 1: the header lacks the columns %(columns)s.")
            % {"file": filename, "columns": ", ".join(missing)}
        )
    rows = []
    for number, cells in enumerate(table, start=2):
        values = {
            key: str(cell).strip() if cell is not None else ""
            for key, cell in zip(keys, cells, strict=False)
        }
        if not any(values.get(column) for column in COLUMNS):
            continue  # a blank line
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("%(file)s has more than %(max)s learners; split it.")
                % {"file": filename, "max": MAX_ROWS}
            )
        rows.append({"row": number, **{column: values.get(column, "") for column in COLUMNS}})
    return rows


def read_rows(uploaded):
    """The numbered rows of an uploaded CSV or XLSX file, or ImportFileError."""
    filename = uploaded.name
    if uploaded.size > MAX_BYTES:
        raise ImportFileError(_("%(file)s is larger than 5 MB.") % {"file": filename})
    data = uploaded.read()
    lower = filename.lower()
    if lower.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(
                _("%(file)s is not UTF-8 text; save it as CSV UTF-8.") % {"file": filename}
            ) from None
        dialect = csv.excel
        with contextlib.suppress(csv.Error):  # a one-column file: keep the default
            dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        return _rows_from_table(csv.reader(io.StringIO(text), dialect), filename)
    if lower.endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds on a damaged file
            raise ImportFileError(
                _("%(file)s is not a readable XLSX workbook.") % {"file": filename}
            ) from None
        try:
            return _rows_from_table(workbook.active.iter_rows(values_only=True), filename)
        finally:
            workbook.close()
    raise ImportFileError(_("%(file)s is neither a CSV nor an XLSX file.") % {"file": filename})


@dataclass
class RowPlan:
    filename: str
    values: dict
    action: str = ""  # "create", "update" or "" when the row has errors
    user: object = None
    changes: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def row(self):
        return self.values["row"]

    @property
    def where(self):
        return _("%(file)s, row %(row)s") % {"file": self.filename, "row": self.row}


def _check_values(values):
    User = get_user_model()
    errors = []
    username_field = User._meta.get_field("username")
    if not values["username"]:
        errors.append(_("the username is missing"))
    else:
        try:
            username_field.run_validators(values["username"])
        except ValidationError:
            errors.append(
                _(
                    "the username “%(value)s” may hold only letters, digits and @ . + - _ (at most 150)"
                )
                % {"value": values["username"]}
            )
    if not values["email"]:
        errors.append(_("the e-mail address is missing"))
    else:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(_("“%(value)s” is not an e-mail address") % {"value": values["email"]})
    languages = {code for code, _name in settings.LANGUAGES}
    language = values["preferred_language"].lower()
    if language and language not in languages:
        errors.append(
            _("the language “%(value)s” is not one of %(codes)s")
            % {"value": values["preferred_language"], "codes": ", ".join(sorted(languages))}
        )
    for column, limit in (("first_name", 150), ("last_name", 150), ("agency", 200), ("rank", 100)):
        if len(values[column]) > limit:
            errors.append(
                _("the %(column)s is longer than %(limit)s characters")
                % {"column": column.replace("_", " "), "limit": limit}
            )
    return errors


def plan_import(rows, filename):
    """What importing `rows` would do, row by row, in two queries whatever their number."""
    User = get_user_model()
    usernames = {row["username"] for row in rows if row["username"]}
    emails = {row["email"].lower() for row in rows if row["email"]}
    existing = list(
        User.objects.annotate(email_lower=Lower("email")).filter(
            Q(username__in=usernames) | Q(email_lower__in=emails)
        )
    )
    by_username = {user.username: user for user in existing}
    by_email = {}
    for user in existing:
        if user.email:
            by_email.setdefault(user.email.lower(), user)
    profiles = {
        profile.user_id: profile
        for profile in LearnerProfile.objects.filter(user__in=[u.pk for u in existing])
    }
    seen_usernames, seen_emails = {}, {}
    plans = []
    for values in rows:
        values = {**values, "preferred_language": values["preferred_language"].lower()}
        plan = RowPlan(filename=filename, values=values, errors=_check_values(values))
        username, email = values["username"].lower(), values["email"].lower()
        if username and username in seen_usernames:
            plan.errors.append(
                _("the username is already on row %(row)s") % {"row": seen_usernames[username]}
            )
        if email and email in seen_emails:
            plan.errors.append(
                _("the e-mail address is already on row %(row)s") % {"row": seen_emails[email]}
            )
        seen_usernames.setdefault(username, values["row"])
        seen_emails.setdefault(email, values["row"])
        by_name, by_mail = by_username.get(values["username"]), by_email.get(email)
        if by_name and by_mail and by_name.pk != by_mail.pk:
            plan.errors.append(
                _("the e-mail address belongs to another account (%(other)s)")
                % {"other": by_mail.username}
            )
        if not plan.errors:
            plan.user = by_name or by_mail
            plan.action = "update" if plan.user else "create"
            if plan.user:
                plan.changes = _changes(plan.user, profiles.get(plan.user.pk), values)
        plans.append(plan)
    return plans


def _changes(user, profile, values):
    changes = []
    for name in USER_FIELDS:
        if values[name] and values[name] != getattr(user, name):
            changes.append(name)
    for name in PROFILE_FIELDS:
        if values[name] and values[name] != (getattr(profile, name) if profile else ""):
            changes.append(name)
    return changes


def has_errors(plans):
    return any(plan.errors for plan in plans)


@transaction.atomic
def apply_import(plans, cohort):
    """Write a plan without errors; returns the new users. All or nothing."""
    if has_errors(plans):
        raise ValueError("a plan with errors cannot be applied")
    User = get_user_model()
    created = []
    for plan in plans:
        values = plan.values
        user = plan.user
        if user is None:
            user = User(username=values["username"])
            user.set_unusable_password()
            created.append(user)
        for name in USER_FIELDS:
            if values[name]:
                setattr(user, name, values[name])
        user.save()
        profile, _created = LearnerProfile.objects.get_or_create(user=user)
        for name in PROFILE_FIELDS:
            if values[name]:
                setattr(profile, name, values[name])
        profile.save()
        cohort.learners.add(user)
    return created


def sign_rows(rows, filename):
    return signing.dumps({"file": filename, "rows": rows}, salt=SIGNING_SALT, compress=True)


def unsign_rows(token):
    """(rows, filename) of a signed preview, or ImportFileError if forged or too old."""
    try:
        data = signing.loads(token, salt=SIGNING_SALT, max_age=SIGNED_FOR_SECONDS)
    except signing.BadSignature:
        raise ImportFileError(
            _("This preview has expired or was altered; upload the file again.")
        ) from None
    return data["rows"], data["file"]
