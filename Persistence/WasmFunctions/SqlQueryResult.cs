namespace WasGo.Persistence;

/// <summary>What a query returned: its column names and rows (SQL NULL as <see langword="null"/>).</summary>
/// <param name="Columns">The column names, in order.</param>
/// <param name="Rows">The rows; each value is a <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/> array or <see langword="null"/>.</param>
public sealed record SqlQueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
