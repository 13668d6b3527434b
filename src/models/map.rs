//! Disagreement maps: a 2-D slice through an input (two chosen features vary over their
//! domain, the others stay fixed), each cell coloured by whether two models satisfy the
//! relation there, rendered as SVG and as PNG (a small stored-deflate encoder, so no
//! image dependency is needed).

use super::{Evaluation, Model};

/// What a cell of the map shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Both models agree; the left model's class (0 for regressors).
    Agree(usize),
    /// The relation fails.
    Differ,
}

/// A grid of cells over two features, row 0 at the top (the largest value of `rows`).
#[derive(Clone, Debug, PartialEq)]
pub struct DisagreementMap {
    pub columns_feature: usize,
    pub rows_feature: usize,
    pub columns_range: (f32, f32),
    pub rows_range: (f32, f32),
    pub size: usize,
    pub cells: Vec<Cell>,
    /// The slice's fixed point (the counterexample), marked on the map.
    pub point: Vec<f32>,
    pub differing: usize,
}

/// The float32 value of grid position `index` of `size` over `range` (cell centres).
fn position(range: (f32, f32), index: usize, size: usize) -> f32 {
    let (low, high) = (f64::from(range.0), f64::from(range.1));
    (low + (high - low) * (index as f64 + 0.5) / size as f64) as f32
}

/// Evaluates both models on a `size` x `size` grid over two features through `point`.
#[allow(clippy::too_many_arguments)]
pub fn disagreement_map(
    left: &Model,
    right: &Model,
    point: &[f32],
    features: (usize, usize),
    ranges: ((f32, f32), (f32, f32)),
    size: usize,
    fails: &dyn Fn(&Evaluation, &Evaluation) -> bool,
) -> DisagreementMap {
    let mut cells = Vec::with_capacity(size * size);
    let mut input: Vec<f64> = point.iter().map(|value| f64::from(*value)).collect();
    let mut differing = 0;
    for row in 0..size {
        input[features.1] = f64::from(position(ranges.1, size - 1 - row, size));
        for column in 0..size {
            input[features.0] = f64::from(position(ranges.0, column, size));
            let a = left.evaluate(&input);
            let b = right.evaluate(&input);
            if fails(&a, &b) {
                differing += 1;
                cells.push(Cell::Differ);
            } else {
                cells.push(Cell::Agree(a.class.unwrap_or(0)));
            }
        }
    }
    DisagreementMap {
        columns_feature: features.0,
        rows_feature: features.1,
        columns_range: ranges.0,
        rows_range: ranges.1,
        size,
        cells,
        point: point.to_vec(),
        differing,
    }
}

/// Colours: agreement shades per class, disagreement red, the point black.
fn colour(cell: Cell) -> [u8; 3] {
    const SHADES: [[u8; 3]; 4] = [
        [198, 219, 239],
        [199, 233, 192],
        [253, 208, 162],
        [218, 218, 235],
    ];
    match cell {
        Cell::Agree(class) => SHADES[class % SHADES.len()],
        Cell::Differ => [215, 48, 39],
    }
}

impl DisagreementMap {
    /// The grid cell of the fixed point, if it lies in the ranges.
    fn marked(&self) -> Option<(usize, usize)> {
        let locate = |value: f32, range: (f32, f32)| -> Option<usize> {
            if value < range.0 || value > range.1 || range.1 <= range.0 {
                return None;
            }
            let fraction =
                (f64::from(value) - f64::from(range.0)) / (f64::from(range.1) - f64::from(range.0));
            Some(((fraction * self.size as f64) as usize).min(self.size - 1))
        };
        let column = locate(self.point[self.columns_feature], self.columns_range)?;
        let row = self.size - 1 - locate(self.point[self.rows_feature], self.rows_range)?;
        Some((row, column))
    }

    /// The map as RGB pixels, `scale` pixels per cell.
    fn pixels(&self, scale: usize) -> (usize, Vec<u8>) {
        let width = self.size * scale;
        let mut pixels = vec![0u8; width * width * 3];
        let marked = self.marked();
        for row in 0..self.size {
            for column in 0..self.size {
                let near = marked.is_some_and(|(marked_row, marked_column)| {
                    marked_row.abs_diff(row) <= 1 && marked_column.abs_diff(column) <= 1
                });
                let rgb = if near {
                    [0, 0, 0]
                } else {
                    colour(self.cells[row * self.size + column])
                };
                for y in row * scale..(row + 1) * scale {
                    for x in column * scale..(column + 1) * scale {
                        pixels[(y * width + x) * 3..(y * width + x) * 3 + 3].copy_from_slice(&rgb);
                    }
                }
            }
        }
        (width, pixels)
    }

    /// PNG bytes (8-bit RGB, stored deflate blocks).
    pub fn to_png(&self, scale: usize) -> Vec<u8> {
        let (width, pixels) = self.pixels(scale.max(1));
        crate::png::encode(width, width, &pixels)
    }

    /// SVG text: one rectangle per run of equal cells in a row, axes labelled.
    pub fn to_svg(&self, cell_size: usize) -> String {
        let margin = 50;
        let side = self.size * cell_size;
        let mut text = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" font-size=\"12\">\n",
            side + margin + 10,
            side + margin + 30
        );
        text.push_str(&format!(
            "<text x=\"{margin}\" y=\"16\">red: the models differ ({} of {} cells); other colours: both agree, by class</text>\n",
            self.differing,
            self.size * self.size
        ));
        let top = 24;
        for row in 0..self.size {
            let mut column = 0;
            while column < self.size {
                let cell = self.cells[row * self.size + column];
                let mut end = column + 1;
                while end < self.size && self.cells[row * self.size + end] == cell {
                    end += 1;
                }
                let [r, g, b] = colour(cell);
                text.push_str(&format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{cell_size}\" fill=\"rgb({r},{g},{b})\"/>\n",
                    margin + column * cell_size,
                    top + row * cell_size,
                    (end - column) * cell_size
                ));
                column = end;
            }
        }
        if let Some((row, column)) = self.marked() {
            let x = margin + column * cell_size + cell_size / 2;
            let y = top + row * cell_size + cell_size / 2;
            text.push_str(&format!(
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"4\" fill=\"black\"><title>the counterexample</title></circle>\n"
            ));
        }
        text.push_str(&format!(
            "<text x=\"{margin}\" y=\"{}\">x_{} from {} to {}</text>\n",
            top + side + 16,
            self.columns_feature,
            self.columns_range.0,
            self.columns_range.1
        ));
        text.push_str(&format!(
            "<text x=\"12\" y=\"{}\" transform=\"rotate(-90 12 {})\">x_{} from {} to {}</text>\n",
            top + side,
            top + side,
            self.rows_feature,
            self.rows_range.0,
            self.rows_range.1
        ));
        text.push_str("</svg>\n");
        text
    }
}
