from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from celery.signals import task_postrun, task_prerun

        from ops import sweeps

        # Timing the reminder sweep from here keeps `deadlines` unaware of `ops`.
        task_prerun.connect(sweeps.on_task_prerun, weak=False, dispatch_uid="ops-sweep-prerun")
        task_postrun.connect(sweeps.on_task_postrun, weak=False, dispatch_uid="ops-sweep-postrun")
