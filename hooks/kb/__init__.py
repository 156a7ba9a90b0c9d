"""The knowledge base of directives: sources → model → checks → pages.

sources.py reads files, records.py types them, model.py relates them, checks.py finds
problems, pages/ renders Markdown and HTML from the model; cli.py is the editors' command line.
"""
