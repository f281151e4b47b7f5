/// How much of a batch differs from its blank value, counted as the first layer's sparse
/// products count it (`InputGroups`): what decides whether a batch takes them.
package struct BatchInk {
    /// The share of the batch's entries that differ from the blank value.
    package let inkedShare: Double
    /// The share of group-columns (groups of four rows times columns) in which some row of the
    /// group differs from the blank value: the columns the sparse products read.
    package let groupColumnShare: Double

    /// Measures `x`, `[rows, columns]`, against the blank value `base`.
    package init(_ x: UnsafePointer<Float>, rows: Int, columns: Int, base: Float) {
        let groups = InputGroups(columns: columns, capacity: InputGroups.groups(rows: rows))
        let groupColumns = groups.capacity * columns
        _ = groups.read(x, rows: rows, base: base, groupLimit: columns, totalLimit: groupColumns)
        var inked = 0
        for group in 0..<groups.count {
            // A group of fewer rows repeats its last row in the missing rows' lanes: not counted.
            let lanes = min(InputGroups.rows, rows - group * InputGroups.rows)
            for index in groups.starts[group]..<groups.starts[group + 1] {
                let entries = groups.entries[index]
                for lane in 0..<lanes where entries[lane] != 0 { inked += 1 }
            }
        }
        inkedShare = Double(inked) / Double(rows * columns)
        groupColumnShare = Double(groups.starts[groups.count]) / Double(groupColumns)
    }
}
