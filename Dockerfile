# copbot: one image for `copbot migrate`, `copbot serve` and `copbot scheduler`.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot bot
COPY adapters adapters
COPY scheduler scheduler
COPY migrations migrations
COPY copbot copbot
RUN pip wheel --no-cache-dir --wheel-dir /wheels ".[postgres]"

FROM python:3.11-slim
RUN useradd --create-home copbot
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER copbot
WORKDIR /home/copbot
ENV COPBOT_HOST=0.0.0.0 COPBOT_PORT=3000
EXPOSE 3000
HEALTHCHECK CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=3)" || exit 1
ENTRYPOINT ["copbot"]
CMD ["serve"]
