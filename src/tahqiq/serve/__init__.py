"""Serving the knowledge base to people: the web app (``tahqiq serve``)."""
