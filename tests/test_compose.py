"""docker-compose.yml: every service's command names something that exists in the project."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
SETTINGS = "".join((ROOT / "config" / name).read_text()
                   for name in ("settings/base.py", "settings/production.py", "storage.py"))
# Read by boto3 itself (object storage), not by the settings.
BOTO3_VARIABLES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def _module_exists(dotted: str) -> bool:
    path = ROOT / Path(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def test_the_stack_has_every_service_the_product_needs():
    assert set(SERVICES) == {"postgres", "redis", "mailpit", "migrate", "web", "worker", "beat", "backup"}
    assert SERVICES["postgres"]["image"] == "postgres:16"
    assert SERVICES["redis"]["image"] == "redis:7"


def test_the_web_command_names_the_wsgi_application():
    command = SERVICES["web"]["command"]
    assert command[0] == "gunicorn"
    module, attribute = command[1].split(":")
    assert _module_exists(module)
    assert f"{attribute} = " in (ROOT / "config" / "wsgi.py").read_text()


def test_worker_and_beat_name_the_celery_app():
    for name in ("worker", "beat"):
        command = SERVICES[name]["command"]
        app = command[command.index("-A") + 1]
        assert _module_exists(f"{app}.celery")
        assert command[3] == name


def test_the_migrate_command_names_manage_py():
    command = SERVICES["migrate"]["command"]
    assert (ROOT / command[1]).exists()
    assert command[2] == "migrate"


def test_every_long_running_service_has_a_health_check():
    assert {name for name, service in SERVICES.items() if "healthcheck" not in service} == {"migrate"}


def test_every_environment_variable_is_read_by_the_settings():
    environment = SERVICES["web"]["environment"]
    unread = [name for name in environment if name not in {"DJANGO_SETTINGS_MODULE", *BOTO3_VARIABLES}
              and f'"{name}"' not in SETTINGS]
    assert unread == []


def test_the_dockerfile_installs_the_project_and_collects_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"pip install .*-e \.", dockerfile)
    assert "collectstatic" in dockerfile


def test_the_backup_service_runs_the_backup_command_into_its_volume_with_retention():
    service = SERVICES["backup"]
    script = (ROOT / service["command"][1]).read_text()
    assert "python manage.py backup /backups --keep \"$keep\"" in script
    assert 'keep="${BACKUP_KEEP:-14}"' in script
    assert service["environment"]["BACKUP_KEEP"] == "${BACKUP_KEEP:-14}"
    assert "backups:/backups" in service["volumes"]
    assert "media:/app/media" in service["volumes"]
