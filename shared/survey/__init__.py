"""The survey a resident answers: questions, the form model, pages, routes and storage.

Modules are imported lazily by the routes (``shared.survey.routes``) so the survey function's
cold start pays only for what a request uses.
"""
