"""``derivetex lsp``: verify's findings in the editor, as a language server.

``adapter`` is the one module that touches verify; ``ranges`` finds a finding's characters,
``features`` turns findings into diagnostics, hovers and code actions, ``worker`` runs the
audits in a forked process, ``server`` speaks the protocol (pygls).
"""
