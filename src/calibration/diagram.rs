//! Reliability diagrams: accuracy against mean confidence per bin, with two-sided
//! Clopper–Pearson bars, the diagonal and the supports, as SVG (with text) and PNG
//! (the same geometry without text, from a small hand-written encoder).

use super::{BinStatus, Report};
// The PNG writer is shared with the disagreement maps of equivalence assertions.
pub use crate::png::{adler32, crc32, encode as encode_png};

/// The side of the square image, in pixels.
pub const SIZE: usize = 480;
/// The plot area inside the image: left, top, right and bottom edges in pixels.
pub const PLOT: (f64, f64, f64, f64) = (60.0, 30.0, 460.0, 430.0);

pub const BACKGROUND: [u8; 3] = [255, 255, 255];
pub const AXES: [u8; 3] = [0, 0, 0];
pub const DIAGONAL: [u8; 3] = [150, 150, 150];
pub const CALIBRATED: [u8; 3] = [31, 119, 180];
pub const DECIDING: [u8; 3] = [214, 39, 40];
pub const NOT_ASSESSED: [u8; 3] = [200, 200, 200];

/// A point of the unit square (confidence, accuracy) in image coordinates.
pub fn to_pixel(confidence: f64, accuracy: f64) -> (f64, f64) {
    let (left, top, right, bottom) = PLOT;
    (
        left + confidence * (right - left),
        bottom - accuracy * (bottom - top),
    )
}

/// One bin as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub confidence: f64,
    pub accuracy: f64,
    pub low: f64,
    pub high: f64,
    pub support: u64,
    pub color: [u8; 3],
}

/// The geometry of a reliability diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    pub title: String,
    pub marks: Vec<Mark>,
}

fn hex(color: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", color[0], color[1], color[2])
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Diagram {
    pub fn new(report: &Report) -> Diagram {
        let marks = report
            .evaluation
            .bins
            .iter()
            .map(|bin| Mark {
                confidence: bin.mean_confidence,
                accuracy: bin.accuracy,
                low: bin.clopper_pearson_low,
                high: bin.clopper_pearson_high,
                support: bin.support,
                color: match bin.status {
                    BinStatus::NotAssessed => NOT_ASSESSED,
                    BinStatus::Overconfident
                    | BinStatus::NotCertified
                    | BinStatus::TooSmallToCertify
                    | BinStatus::Alarm => DECIDING,
                    BinStatus::Certified | BinStatus::Fine => CALIBRATED,
                },
            })
            .collect();
        Diagram {
            title: format!(
                "calibration {} (rule {}, {} predictions): {}",
                report.name,
                report.rule,
                report.evaluation.predictions,
                if report.evaluation.passed {
                    "holds"
                } else {
                    "fails"
                }
            ),
            marks,
        }
    }

    /// The diagram as SVG text.
    pub fn svg(&self) -> String {
        let (left, top, right, bottom) = PLOT;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SIZE}\" height=\"{SIZE}\" viewBox=\"0 0 {SIZE} {SIZE}\" font-family=\"sans-serif\" font-size=\"11\">\n"
        );
        svg.push_str(&format!(
            "<rect x=\"0\" y=\"0\" width=\"{SIZE}\" height=\"{SIZE}\" fill=\"{}\"/>\n",
            hex(BACKGROUND)
        ));
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"18\" text-anchor=\"middle\" font-size=\"12\">{}</text>\n",
            SIZE / 2,
            escape(&self.title)
        ));
        svg.push_str(&format!(
            "<rect class=\"axes\" x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{}\"/>\n",
            right - left,
            bottom - top,
            hex(AXES)
        ));
        for tick in 0..=5 {
            let value = tick as f64 / 5.0;
            let (x, _) = to_pixel(value, 0.0);
            let (_, y) = to_pixel(0.0, value);
            svg.push_str(&format!(
                "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{value:.1}</text>\n<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{value:.1}</text>\n",
                bottom + 14.0,
                left - 4.0,
                y + 4.0
            ));
        }
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">mean confidence</text>\n<text x=\"14\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {})\">accuracy</text>\n",
            (left + right) / 2.0,
            bottom + 34.0,
            (top + bottom) / 2.0,
            (top + bottom) / 2.0
        ));
        let (x0, y0) = to_pixel(0.0, 0.0);
        let (x1, y1) = to_pixel(1.0, 1.0);
        svg.push_str(&format!(
            "<line class=\"diagonal\" x1=\"{x0}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y1}\" stroke=\"{}\" stroke-dasharray=\"4 3\"/>\n",
            hex(DIAGONAL)
        ));
        for mark in &self.marks {
            let (x, y) = to_pixel(mark.confidence, mark.accuracy);
            let (_, low) = to_pixel(0.0, mark.low);
            let (_, high) = to_pixel(0.0, mark.high);
            let color = hex(mark.color);
            svg.push_str(&format!(
                "<line class=\"interval\" x1=\"{x}\" y1=\"{low}\" x2=\"{x}\" y2=\"{high}\" stroke=\"{color}\" stroke-width=\"2\"/>\n<circle class=\"bin\" cx=\"{x}\" cy=\"{y}\" r=\"4\" fill=\"{color}\"/>\n<text class=\"support\" x=\"{}\" y=\"{}\">n={}</text>\n",
                x + 6.0,
                y - 6.0,
                mark.support
            ));
        }
        svg.push_str("</svg>\n");
        svg
    }

    /// The diagram's pixels, row-major RGB.
    pub fn pixels(&self) -> Vec<u8> {
        let mut canvas = Canvas::new();
        let (left, top, right, bottom) = PLOT;
        canvas.line(left, top, right, top, AXES, 0.5);
        canvas.line(left, bottom, right, bottom, AXES, 0.5);
        canvas.line(left, top, left, bottom, AXES, 0.5);
        canvas.line(right, top, right, bottom, AXES, 0.5);
        let (x0, y0) = to_pixel(0.0, 0.0);
        let (x1, y1) = to_pixel(1.0, 1.0);
        canvas.line(x0, y0, x1, y1, DIAGONAL, 0.8);
        for mark in &self.marks {
            let (x, y) = to_pixel(mark.confidence, mark.accuracy);
            let (_, low) = to_pixel(0.0, mark.low);
            let (_, high) = to_pixel(0.0, mark.high);
            canvas.line(x, low, x, high, mark.color, 1.0);
            canvas.line(x - 4.0, low, x + 4.0, low, mark.color, 0.6);
            canvas.line(x - 4.0, high, x + 4.0, high, mark.color, 0.6);
            canvas.disc(x, y, 4.0, mark.color);
        }
        canvas.pixels
    }

    /// The diagram as a PNG file.
    pub fn png(&self) -> Vec<u8> {
        encode_png(SIZE, SIZE, &self.pixels())
    }
}

struct Canvas {
    pixels: Vec<u8>,
}

impl Canvas {
    fn new() -> Canvas {
        Canvas {
            pixels: BACKGROUND.repeat(SIZE * SIZE),
        }
    }

    fn set(&mut self, x: i64, y: i64, color: [u8; 3]) {
        if (0..SIZE as i64).contains(&x) && (0..SIZE as i64).contains(&y) {
            let at = (y as usize * SIZE + x as usize) * 3;
            self.pixels[at..at + 3].copy_from_slice(&color);
        }
    }

    /// Every pixel whose centre is within `half_width` of the segment.
    fn line(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: [u8; 3], half_width: f64) {
        let (dx, dy) = (x1 - x0, y1 - y0);
        let length_squared = dx * dx + dy * dy;
        let reach = half_width + 1.0;
        for y in (y0.min(y1) - reach).floor() as i64..=(y0.max(y1) + reach).ceil() as i64 {
            for x in (x0.min(x1) - reach).floor() as i64..=(x0.max(x1) + reach).ceil() as i64 {
                let (px, py) = (x as f64 + 0.5, y as f64 + 0.5);
                let t = if length_squared == 0.0 {
                    0.0
                } else {
                    (((px - x0) * dx + (py - y0) * dy) / length_squared).clamp(0.0, 1.0)
                };
                let (cx, cy) = (x0 + t * dx, y0 + t * dy);
                if (px - cx).powi(2) + (py - cy).powi(2) <= half_width * half_width {
                    self.set(x, y, color);
                }
            }
        }
    }

    fn disc(&mut self, x: f64, y: f64, radius: f64, color: [u8; 3]) {
        self.line(x, y, x, y, color, radius);
    }
}
