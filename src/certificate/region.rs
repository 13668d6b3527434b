//! The deepest point of one activation region: with the ReLU pattern of a ReLU network
//! fixed, the logits are affine in the input, so the sufficient conditions on the logit
//! differences and the pattern itself are linear inequalities. A small dense simplex in
//! f64 maximises the smallest Euclidean distance to their boundaries over the box.
//!
//! Nothing here is trusted: the point only proposes a candidate, which is certified in
//! exact arithmetic ([`super::certificate::certify`]) and validated in floating point.
//! Maximising the distance keeps the candidate away from every boundary, so rounding
//! it to the model's precision and the f64 error of the solve do not cross one.

use crate::models::network::Network;

/// An affine function of the input: coefficients and a constant.
#[derive(Clone, Debug)]
struct Affine {
    coefficients: Vec<f64>,
    constant: f64,
}

impl Affine {
    fn zero(inputs: usize) -> Affine {
        Affine {
            coefficients: vec![0.0; inputs],
            constant: 0.0,
        }
    }

    fn add_scaled(&mut self, other: &Affine, scale: f64) {
        for (target, value) in self.coefficients.iter_mut().zip(&other.coefficients) {
            *target += scale * value;
        }
        self.constant += scale * other.constant;
    }
}

/// What the region's point must satisfy, in f64 (the exact bounds rounded).
#[derive(Clone, Debug)]
pub struct Aim {
    pub class: usize,
    /// Every d_j >= low.
    pub low: f64,
    /// The mean of the d_j <= high.
    pub high: Option<f64>,
}

/// The point found and its smallest normalised slack (negative when the region holds
/// no point satisfying everything).
#[derive(Clone, Debug, PartialEq)]
pub struct RegionPoint {
    pub input: Vec<f64>,
    pub margin: f64,
}

/// The ReLU pattern of the f64 network at a point: per ReLU layer, which neurons are on.
pub fn pattern(network: &Network, input: &[f64]) -> Vec<Vec<bool>> {
    network
        .pre_activations(input)
        .iter()
        .zip(&network.layers)
        .filter(|(_, layer)| layer.relu)
        .map(|(sums, _)| sums.iter().map(|sum| *sum > 0.0).collect())
        .collect()
}

/// The point of the region with the given pattern, inside the box, that maximises the
/// smallest distance to the pattern's hyperplanes and to the aim's conditions.
pub fn deepest_point(
    network: &Network,
    pattern: &[Vec<bool>],
    input_box: (f64, f64),
    aim: &Aim,
) -> Option<RegionPoint> {
    let inputs = network.inputs();
    let mut values: Vec<Affine> = (0..inputs)
        .map(|index| {
            let mut form = Affine::zero(inputs);
            form.coefficients[index] = 1.0;
            form
        })
        .collect();
    // Rows g x + c >= s |g|, stored normalised.
    let mut rows: Vec<Affine> = Vec::new();
    let mut patterns = pattern.iter();
    for layer in &network.layers {
        let mut next = Vec::with_capacity(layer.outputs);
        let on = if layer.relu { patterns.next() } else { None };
        for output in 0..layer.outputs {
            let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
            let mut sum = Affine::zero(inputs);
            sum.constant = layer.bias[output];
            for (weight, value) in row.iter().zip(&values) {
                if *weight != 0.0 {
                    sum.add_scaled(value, *weight);
                }
            }
            match on {
                None => next.push(sum),
                Some(on) => {
                    let active = *on.get(output)?;
                    let mut condition = Affine::zero(inputs);
                    condition.add_scaled(&sum, if active { 1.0 } else { -1.0 });
                    rows.push(condition);
                    next.push(if active { sum } else { Affine::zero(inputs) });
                }
            }
        }
        values = next;
    }
    let classes = values.len();
    if aim.class >= classes || classes < 2 {
        return None;
    }
    let mut total = Affine::zero(inputs);
    for j in (0..classes).filter(|&j| j != aim.class) {
        let mut difference = Affine::zero(inputs);
        difference.add_scaled(&values[aim.class], 1.0);
        difference.add_scaled(&values[j], -1.0);
        total.add_scaled(&difference, 1.0 / (classes - 1) as f64);
        difference.constant -= aim.low;
        rows.push(difference);
    }
    if let Some(high) = aim.high {
        let mut mean = Affine::zero(inputs);
        mean.add_scaled(&total, -1.0);
        mean.constant += high;
        rows.push(mean);
    }
    let mut normalised = Vec::with_capacity(rows.len());
    for mut row in rows {
        let norm = row.coefficients.iter().map(|g| g * g).sum::<f64>().sqrt();
        if !norm.is_finite() {
            return None;
        }
        if norm < 1e-12 {
            // A constant condition: it holds everywhere or nowhere in the region.
            if row.constant < 0.0 {
                return None;
            }
            continue;
        }
        for coefficient in &mut row.coefficients {
            *coefficient /= norm;
        }
        row.constant /= norm;
        normalised.push(row);
    }
    let (low, high) = input_box;
    let (y, margin) = maximise_margin(&normalised, inputs, low, high - low)?;
    Some(RegionPoint {
        input: y
            .iter()
            .map(|value| (value + low).clamp(low, high))
            .collect(),
        margin,
    })
}

/// Maximises s subject to g x + c >= s for every row and x in [low, low + width]^n, in
/// the variables y = x - low >= 0 and s' = s + shift >= 0 (the shift makes y = 0, s' =
/// 0 feasible, so the slack basis starts the simplex). Returns y and s.
fn maximise_margin(
    rows: &[Affine],
    inputs: usize,
    low: f64,
    width: f64,
) -> Option<(Vec<f64>, f64)> {
    let at_low = |row: &Affine| row.constant + low * row.coefficients.iter().sum::<f64>();
    let shift = rows.iter().map(|row| -at_low(row)).fold(0.0, f64::max) + 1.0;
    let cap = shift + width * (inputs as f64).sqrt() + 1.0;
    // Columns: y (inputs), s', then one slack per row; the last column is the right side.
    let variables = inputs + 1;
    let count = rows.len() + inputs + 1;
    let columns = variables + count + 1;
    let mut tableau = vec![vec![0.0; columns]; count];
    for (index, row) in rows.iter().enumerate() {
        // -g y + s' <= c + g low + shift.
        for (target, g) in tableau[index].iter_mut().zip(&row.coefficients) {
            *target = -g;
        }
        tableau[index][inputs] = 1.0;
        tableau[index][columns - 1] = at_low(row) + shift;
    }
    for input in 0..inputs {
        let index = rows.len() + input;
        tableau[index][input] = 1.0;
        tableau[index][columns - 1] = width;
    }
    tableau[count - 1][inputs] = 1.0;
    tableau[count - 1][columns - 1] = cap;
    for (index, row) in tableau.iter_mut().enumerate() {
        row[variables + index] = 1.0;
    }
    let mut objective = vec![0.0; columns];
    objective[inputs] = -1.0;
    let mut basis: Vec<usize> = (variables..variables + count).collect();
    const TOLERANCE: f64 = 1e-11;
    const DANTZIG_STEPS: usize = 5_000;
    const STEPS: usize = 50_000;
    for step in 0..STEPS {
        // Dantzig's rule first; Bland's (smallest index) later rules out cycling.
        let entering = if step < DANTZIG_STEPS {
            (0..columns - 1)
                .filter(|&column| objective[column] < -TOLERANCE)
                .min_by(|&a, &b| objective[a].total_cmp(&objective[b]))
        } else {
            (0..columns - 1).find(|&column| objective[column] < -TOLERANCE)
        };
        let Some(entering) = entering else {
            let mut values = vec![0.0; variables];
            for (row, variable) in basis.iter().enumerate() {
                if *variable < variables {
                    values[*variable] = tableau[row][columns - 1];
                }
            }
            let margin = values[inputs] - shift;
            values.truncate(inputs);
            return Some((values, margin));
        };
        let mut leaving: Option<(usize, f64)> = None;
        for (row, line) in tableau.iter().enumerate() {
            let pivot = line[entering];
            if pivot > TOLERANCE {
                let ratio = line[columns - 1].max(0.0) / pivot;
                let better = match leaving {
                    None => true,
                    Some((best, best_ratio)) => {
                        ratio < best_ratio - 1e-15
                            || (ratio <= best_ratio + 1e-15 && basis[row] < basis[best])
                    }
                };
                if better {
                    leaving = Some((row, ratio));
                }
            }
        }
        // Unbounded cannot happen (every variable is capped); give up if it seems to.
        let (pivot_row, _) = leaving?;
        let pivot = tableau[pivot_row][entering];
        for value in tableau[pivot_row].iter_mut() {
            *value /= pivot;
        }
        let pivot_line = tableau[pivot_row].clone();
        for (row, line) in tableau.iter_mut().enumerate() {
            let factor = line[entering];
            if row != pivot_row && factor != 0.0 {
                for (value, pivot_value) in line.iter_mut().zip(&pivot_line) {
                    *value -= factor * pivot_value;
                }
            }
        }
        let factor = objective[entering];
        for (value, pivot_value) in objective.iter_mut().zip(&pivot_line) {
            *value -= factor * pivot_value;
        }
        basis[pivot_row] = entering;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::network::Layer;

    #[test]
    fn the_deepest_point_of_a_square_is_its_centre() {
        // Logits (x0, x1, 0): class 0 with d = x0 - x1 >= 0.2 and x0 >= 0.2, in [0, 1]^2.
        let network = Network {
            layers: vec![Layer {
                inputs: 2,
                outputs: 3,
                weights: vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
                bias: vec![0.0; 3],
                relu: false,
            }],
        };
        let aim = Aim {
            class: 0,
            low: 0.2,
            high: None,
        };
        let point = deepest_point(&network, &[], (0.0, 1.0), &aim).unwrap();
        let [x0, x1] = point.input[..] else { panic!() };
        assert!(x0 - x1 >= 0.2 + point.margin * 2f64.sqrt() - 1e-9);
        assert!(x0 >= 0.2 + point.margin - 1e-9);
        assert!(point.margin > 0.1, "{point:?}");
        // Infeasible: d >= 2 is out of the box; the margin is negative.
        let far = Aim {
            class: 0,
            low: 2.0,
            high: None,
        };
        assert!(
            deepest_point(&network, &[], (0.0, 1.0), &far)
                .unwrap()
                .margin
                < 0.0
        );
    }
}
