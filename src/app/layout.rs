//! Where each pane goes for a terminal size. Pure geometry, in `app` because `update` needs it
//! to page and to map mouse clicks, and `view` to draw: both read this one answer, so they agree.

use ratatui::layout::Rect;

/// Below this the explorer shows a one-line "too small" message instead of a broken screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Header rows when there is room for eras and year ticks; fewer rows get the compact header.
const FULL_HEADER: u16 = 4;
const COMPACT_HEADER: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub area: Rect,
    pub too_small: bool,
    /// Title line, then (full) era band, density, ticks; (compact) density only.
    pub header: Rect,
    pub compact_header: bool,
    pub timeline: Rect,
    /// Includes the one-column rule on its left.
    pub detail: Rect,
    pub footer: Rect,
    /// Chain, actors and help windows.
    pub overlay: Rect,
    /// The jump-to-date prompt.
    pub prompt: Rect,
}

impl Layout {
    pub fn new(area: Rect) -> Layout {
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        let compact_header = area.height < 20;
        let header_height = if compact_header {
            COMPACT_HEADER
        } else {
            FULL_HEADER
        };
        let header = Rect {
            height: header_height.min(area.height),
            ..area
        };
        let footer = Rect {
            y: area.bottom().saturating_sub(1),
            height: area.height.min(1),
            ..area
        };
        let body_y = header.bottom();
        let body_height = footer.y.saturating_sub(body_y);
        let timeline_width = area.width.saturating_mul(11) / 20;
        let timeline = Rect {
            x: area.x,
            y: body_y,
            width: timeline_width,
            height: body_height,
        };
        let detail = Rect {
            x: area.x.saturating_add(timeline_width),
            y: body_y,
            width: area.width.saturating_sub(timeline_width),
            height: body_height,
        };
        let overlay_width = area.width.saturating_sub(4).min(110);
        let overlay = Rect {
            x: area.x + (area.width - overlay_width.min(area.width)) / 2,
            y: body_y,
            width: overlay_width,
            height: body_height,
        };
        let prompt_width = area.width.saturating_sub(4).min(60);
        let prompt = Rect {
            x: area.x + (area.width - prompt_width.min(area.width)) / 2,
            y: body_y,
            width: prompt_width,
            height: body_height.min(4),
        };
        Layout {
            area,
            too_small,
            header,
            compact_header,
            timeline,
            detail,
            footer,
            overlay,
            prompt,
        }
    }

    pub fn for_size(width: u16, height: u16) -> Layout {
        Layout::new(Rect::new(0, 0, width, height))
    }

    /// Everything between header and footer; big overlays blank it so no half-covered text
    /// peeks out beside them.
    pub fn body(&self) -> Rect {
        Rect {
            x: self.area.x,
            width: self.area.width,
            ..self.timeline
        }
    }

    /// The rows of an overlay's list: inside the border, under its one heading line.
    pub fn overlay_list(&self) -> Rect {
        Rect {
            x: self.overlay.x.saturating_add(1),
            y: self.overlay.y.saturating_add(2),
            width: self.overlay.width.saturating_sub(2),
            height: self.overlay.height.saturating_sub(3),
        }
    }

    /// The detail pane's text, right of its rule.
    pub fn detail_text(&self) -> Rect {
        Rect {
            x: self.detail.x.saturating_add(2),
            width: self.detail.width.saturating_sub(3),
            ..self.detail
        }
    }

    /// The row of the header that draws event density (clicking it jumps there).
    pub fn density_row(&self) -> Option<u16> {
        let row = if self.compact_header { 1 } else { 2 };
        (self.header.height > row).then_some(self.header.y + row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_fit_inside_every_size() {
        for width in [0, 1, 2, 10, 39, 40, 80, 120, 500] {
            for height in [0, 1, 2, 9, 10, 19, 24, 40, 200] {
                let l = Layout::for_size(width, height);
                for r in [
                    l.header,
                    l.timeline,
                    l.detail,
                    l.footer,
                    l.overlay,
                    l.prompt,
                    l.overlay_list(),
                    l.detail_text(),
                ] {
                    assert!(
                        r.right() <= width.max(r.x) && r.bottom() <= height.max(r.y),
                        "{r:?} in {width}x{height}"
                    );
                }
            }
        }
    }

    #[test]
    fn eighty_by_twenty_four_has_a_full_header_and_two_panes() {
        let l = Layout::for_size(80, 24);
        assert!(!l.too_small && !l.compact_header);
        assert_eq!(l.timeline.height, 19);
        assert_eq!(l.timeline.width + l.detail.width, 80);
    }
}
