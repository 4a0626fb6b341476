"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class PiedDePage(Footer):
    """Footer recomposes (removes then mounts a widget per key, each restyled) every time the
    screen's bindings are signalled as changed: five times while the list opens, each time with
    the same keys, 40 ms of the cold start (issue 18). This one skips a rebuild that would show
    exactly what is shown."""

    _montrees: tuple | None = None  # what the keys on screen were built from

    def _a_montrer(self) -> tuple:
        """Everything Footer.compose reads from the bindings, in its order."""
        actives = self.screen.active_bindings
        cles = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip,
             self.app.get_key_display(binding))
            for (_, binding, enabled, tooltip) in actives.values() if binding.show
        )
        palette = actives.get(self.app.COMMAND_PALETTE_BINDING)
        return (self._bindings_ready, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE, cles,
                palette[1:] if palette else None)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Born as compact as the footer it is bound to: FooterKey starts compact, and the
                # binding then turned that off, restyling each key twice (10 ms for ten keys). The
                # palette's key is not bound, and stays compact.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        montrees = self._a_montrer()
        if montrees == self._montrees:
            return
        self._montrees = montrees
        await super().recompose()
