"""What leaves the program: files written atomically, the static site, the mail, and the renderers.

output.py   writing a file: atomically, never onto an input
render/     one renderer per result type (text, Markdown, JSON, HTML)
site.py     the static site of the archive and its Atom feed
mail.py     the day's digest as one e-mail
"""
