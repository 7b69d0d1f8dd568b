from django_tasks import task

from reports.building import complete_export
from reports.models import ExportFile


@task()
def build_export(export_id):
    export = ExportFile.objects.select_related("cohort").filter(pk=export_id).first()
    if export is None or export.state != ExportFile.State.PENDING:
        return False
    try:
        complete_export(export)
    except Exception:
        ExportFile.objects.filter(pk=export_id).update(state=ExportFile.State.FAILED)
        raise
    return True


@task()
def send_weekly_digests():
    """Weekly: each cohort's trainers learn who is behind and how many essays wait."""
    from reports.digest import send_weekly_digests as send

    return send()
