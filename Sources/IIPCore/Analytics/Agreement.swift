import Foundation

/// How far raters agree on a matrix of scores (rows: the objects rated, columns: the raters,
/// every cell filled). Statistics, so floating point; the scores themselves come exact.
public enum Agreement {
    /// ICC(A,1): two-way model, absolute agreement, single rater (McGraw & Wong 1996, case 2A;
    /// Shrout & Fleiss's ICC(2,1)). Nil with fewer than two rows or columns, or no variance.
    public static func iccA1(_ rows: [[Double]]) -> Double? {
        let n = rows.count
        guard n >= 2, let k = rows.first?.count, k >= 2, rows.allSatisfy({ $0.count == k }) else { return nil }
        let grand = rows.joined().reduce(0, +) / Double(n * k)
        let rowMeans = rows.map { $0.reduce(0, +) / Double(k) }
        let columnMeans = (0..<k).map { j in rows.reduce(0) { $0 + $1[j] } / Double(n) }
        let rowsSquares = Double(k) * rowMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let columnsSquares = Double(n) * columnMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        var errorSquares = 0.0
        for i in 0..<n {
            for j in 0..<k {
                let residual = rows[i][j] - rowMeans[i] - columnMeans[j] + grand
                errorSquares += residual * residual
            }
        }
        let msr = rowsSquares / Double(n - 1)
        let msc = columnsSquares / Double(k - 1)
        let mse = errorSquares / Double((n - 1) * (k - 1))
        let denominator = msr + Double(k - 1) * mse + Double(k) * (msc - mse) / Double(n)
        guard denominator != 0 else { return nil }
        return (msr - mse) / denominator
    }

    /// Kendall's W, the coefficient of concordance, corrected for ties: each rater (column)
    /// ranks the objects (rows), tied objects sharing their mean rank. Nil with fewer than two
    /// rows or columns, or when every rater ties everything.
    public static func kendallW(_ rows: [[Double]]) -> Double? {
        let n = rows.count
        guard n >= 2, let k = rows.first?.count, k >= 2, rows.allSatisfy({ $0.count == k }) else { return nil }
        var rankSums = Array(repeating: 0.0, count: n)
        var ties = 0.0
        for j in 0..<k {
            let (ranks, correction) = midRanks(rows.map { $0[j] })
            for i in 0..<n { rankSums[i] += ranks[i] }
            ties += correction
        }
        let mean = rankSums.reduce(0, +) / Double(n)
        let s = rankSums.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let denominator = Double(k * k) * (pow(Double(n), 3) - Double(n)) - Double(k) * ties
        guard denominator > 0 else { return nil }
        return 12 * s / denominator
    }

    /// Ranks from 1 (ties sharing their mean rank) and the tie term Σ(t³ − t).
    static func midRanks(_ values: [Double]) -> (ranks: [Double], ties: Double) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = Array(repeating: 0.0, count: values.count)
        var ties = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 1) / 2
            for position in start..<end { ranks[order[position]] = rank }
            let t = Double(end - start)
            ties += t * t * t - t
            start = end
        }
        return (ranks, ties)
    }
}
