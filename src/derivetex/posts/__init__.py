"""Derivations inside a writer's own posts: ``derivetex`` blocks expanded in place.

``blocks`` finds the blocks and their generated parts, ``expand`` renders a post, ``command``
is what ``derivetex render`` calls.
"""
