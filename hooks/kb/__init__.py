"""The knowledge base of directives: sources → model → checks → pages.

sources.py reads files, records.py types them, model.py relates them, derived.py indexes what pages and
checks read besides (report periods, tight reporting links), checks.py finds problems, pages/ renders Markdown
and HTML from the model, as rows of cells that the downloads (exports.py) read too; addresses.py is where every
page is published; cli.py is the editors' command line.
"""
