"""The web app's routes, one module per page (or group of pages sharing a concern)."""

from tahqiq.serve.routes import (account, audit, documents, entity, files, home, network, review, stories,
                                 timeline)

ROUTERS = [home.router, entity.router, documents.router, stories.router, network.router, timeline.router, review.router,
           audit.router, account.router, files.router]
