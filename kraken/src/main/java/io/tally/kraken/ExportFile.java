package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One parsed Kraken CSV export: its kind, its file name and its rows in file order. A ledgers
 * export has only ledger rows, a trades export only trade rows.
 *
 * <p>Example: {@code ExportFile[kind=LEDGERS, fileName=ledgers.csv, ledgerRows=[12 rows],
 * tradeRows=[]]}. Immutable.
 *
 * @param kind which export this is
 * @param fileName the file name, as used in the rows' {@code source}
 * @param ledgerRows the rows of a ledgers export; empty for a trades export
 * @param tradeRows the rows of a trades export; empty for a ledgers export
 */
public record ExportFile(
    ExportKind kind, String fileName, List<LedgerRow> ledgerRows, List<TradeRow> tradeRows) {

  public ExportFile {
    requireNonNull(kind, "kind");
    requireNonNull(fileName, "fileName");
    ledgerRows = List.copyOf(ledgerRows);
    tradeRows = List.copyOf(tradeRows);
    if (kind == ExportKind.LEDGERS ? !tradeRows.isEmpty() : !ledgerRows.isEmpty()) {
      throw new IllegalArgumentException("A " + kind + " export holds rows of the other kind");
    }
  }

  /** How many rows the file has, of either kind. */
  public int rowCount() {
    return ledgerRows.size() + tradeRows.size();
  }

  @Override
  public String toString() {
    return "ExportFile["
        + kind
        + " "
        + fileName
        + ", "
        + ledgerRows.size()
        + " ledger rows, "
        + tradeRows.size()
        + " trade rows]";
  }
}
