FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -e . \
 && DJANGO_SECRET_KEY=build-only-collectstatic-key-0123456789abcdefghijklmnopqrstuvwxyz \
    python manage.py collectstatic --noinput
RUN useradd --create-home covenant && mkdir -p /app/media /backups && chown covenant /app/media /backups
USER covenant
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
