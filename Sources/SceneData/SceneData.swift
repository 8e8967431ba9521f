// Dataset reading: the item model (Model/), the three scene-graph forms,
// JSONL reading with a byte-offset index, and diagnostics with line numbers.
