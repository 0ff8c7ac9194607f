/**
 * Plain-text journals of the whole history that other tools verify: {@link
 * io.tally.report.journal.BeancountJournal} for beancount and {@link
 * io.tally.report.journal.LedgerJournal} for ledger-cli, from one {@link
 * io.tally.report.journal.JournalInput}.
 *
 * <p>Every event is a transaction; every acquisition a lot at Tally's cost, dated and labelled by
 * its event; every disposal takes exactly the slices of lots Tally's {@code TaxLots} took, by the
 * configured method (FIFO, LIFO or HIFO; average cost has no dated lots and is refused). Fees
 * follow the rules given: in lot costs and proceeds (tax style, the gains then equal the tax
 * report) or apart as {@code Expenses:Fees:Trade} (the books' default). The chart of accounts is:
 *
 * <pre>
 * Assets:Kraken:&lt;COMMODITY&gt;   holdings; lots at cost for all but the base currency and KFEE
 * Equity:Transfers             deposits (at value) and withdrawals (at the cost they take)
 * Equity:Opening               units sold beyond the history, assumed bought at the sale's price
 * Equity:Adjustments           exchange adjustments and unclassified rows
 * Equity:Clearing              between the two linked halves of a split event; nets to zero
 * Equity:Rounding              rounding (beancount's unit costs against Tally's slice costs)
 * Income:Gains:Short|Long      realized gains by holding term
 * Income:Rewards               rewards at value
 * Income:Margin                margin profit
 * Expenses:Fees:Trade          trade fees at value, when fees are apart from cost basis
 * Expenses:Fees:Transfer       withdrawal, deposit, internal-move and reward-commission fees
 * Expenses:Margin              margin losses, fees, rollovers and carry charges
 * </pre>
 */
package io.tally.report.journal;
