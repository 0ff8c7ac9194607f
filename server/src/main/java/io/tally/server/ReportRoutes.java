package io.tally.server;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.engine.service.ContractAnswers;
import io.tally.engine.service.PortfolioService;
import io.tally.money.Asset;
import io.tally.report.OutputFormat;
import io.tally.report.ReportRange;
import io.tally.report.ReportType;
import io.tally.report.RowsCsv;
import io.tally.report.holdings.HoldingsCsv;
import io.tally.report.performance.PerformancePdf;
import io.tally.report.performance.PerformanceReport;
import io.tally.report.performance.PerformanceReportCsv;
import io.tally.report.performance.PerformanceReportJson;
import io.tally.report.rows.BookRows;
import io.tally.report.tax.IncomeReportCsv;
import io.tally.report.tax.IncomeReportJson;
import io.tally.report.tax.TaxReportCsv;
import io.tally.report.tax.TaxReportJson;
import io.tally.tax.IncomeReport;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/portfolio/reports/{type}?from=&to=&year=&format=&method=}: the reports of
 * {@code tally report --type} over HTTP — {@code holdings}, {@code performance}, {@code monthly},
 * {@code annual}, {@code tax}, {@code income}, {@code trades} and {@code flows} — as JSON (the
 * default), CSV ({@code text/csv}) or, for the performance reports, PDF ({@code application/pdf},
 * with a file name to save it under). The range follows {@link ReportRange}'s rule; a parameter it
 * refuses is a 400 naming it, an unknown type a 404.
 *
 * <p>Example: {@code curl 'localhost:8080/api/v1/portfolio/reports/tax?year=2025&format=csv'}.
 * Thread-safe: the service is.
 */
final class ReportRoutes {

  private final PortfolioService service;
  private final ContractAnswers answers;
  private final Clock clock;

  ReportRoutes(PortfolioService service, ContractAnswers answers, Clock clock) {
    this.service = requireNonNull(service, "service");
    this.answers = requireNonNull(answers, "answers");
    this.clock = requireNonNull(clock, "clock");
  }

  /** {@code GET /portfolio/reports/{type}}. */
  void report(Context ctx) {
    String typeText = ctx.pathParam("type");
    ReportType type;
    try {
      type = ReportType.parse(typeText);
    } catch (IllegalArgumentException e) {
      TallyServer.problem(ctx, HttpStatus.NOT_FOUND, "Not Found", e.getMessage());
      return;
    }
    OutputFormat format = format(ctx, type);
    Instant now = clock.instant();
    ReportRange range = range(ctx, type, now);
    Asset base = service.config().portfolio().baseCurrency();
    switch (type) {
      case HOLDINGS:
        if (format == OutputFormat.CSV) {
          text(ctx, format, HoldingsCsv.of(service.queries().valuation()));
        } else {
          TallyServer.json(ctx, answers.portfolio());
        }
        return;
      case TAX:
        {
          LotMethod method = method(ctx);
          TaxReport report = service.getTaxReport(method, range.fromOr(range.to()), range.to());
          if (format == OutputFormat.CSV) {
            text(ctx, format, TaxReportCsv.of(report));
          } else {
            TallyServer.json(ctx, TaxReportJson.of(report, base, now));
          }
          return;
        }
      case INCOME:
        {
          IncomeReport report = service.getIncomeReport(range.fromOr(range.to()), range.to());
          if (format == OutputFormat.CSV) {
            text(ctx, format, IncomeReportCsv.of(report));
          } else {
            TallyServer.json(ctx, IncomeReportJson.of(report, base, now));
          }
          return;
        }
      case TRADES:
      case FLOWS:
        {
          BookRows.Kind kind = BookRows.Kind.listedBy(type);
          Optional<LocalDate> last = Optional.of(range.to());
          List<Map<String, Object>> rows = BookRows.of(service, kind, range.from(), last);
          if (format == OutputFormat.CSV) {
            text(ctx, format, RowsCsv.of(rows));
          } else {
            TallyServer.json(ctx, BookRows.document(service, kind, range.from(), last, rows));
          }
          return;
        }
      default:
        performance(ctx, type, format, range, base, now);
    }
  }

  private void performance(
      Context ctx,
      ReportType type,
      OutputFormat format,
      ReportRange range,
      Asset base,
      Instant now) {
    PerformanceQuery query = range.performanceQuery();
    PerformanceReport report;
    try {
      report =
          PerformanceReport.of(service.getPerformance(query), base, now, service.getDataIssues());
    } catch (PerformanceQuery.OutOfRange e) {
      throw new BadRequestException(e.bound(), e.reason());
    }
    switch (format) {
      case PDF:
        ctx.header("Cache-Control", "no-store")
            .header(
                "Content-Disposition",
                "inline; filename=\"tally-"
                    + type.code()
                    + "-"
                    + report.from()
                    + "-"
                    + report.to()
                    + ".pdf\"")
            .contentType(format.mediaType())
            .result(PerformancePdf.render(report));
        return;
      case CSV:
        text(ctx, format, PerformanceReportCsv.of(report));
        return;
      default:
        TallyServer.json(ctx, PerformanceReportJson.of(report, true));
    }
  }

  private static OutputFormat format(Context ctx, ReportType type) {
    String text = Parameters.text(ctx, "format").orElse("json");
    try {
      OutputFormat format = type.check(OutputFormat.parse(text));
      if (format == OutputFormat.TEXT) {
        throw new IllegalArgumentException("text is for the terminal: ask for json, csv or pdf");
      }
      return format;
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("format", e.getMessage().replace("--type", "type"));
    }
  }

  private ReportRange range(Context ctx, ReportType type, Instant now) {
    Optional<LocalDate> from = Parameters.date(ctx, "from");
    Optional<LocalDate> to = Parameters.date(ctx, "to");
    Optional<Integer> year = Parameters.text(ctx, "year").map(ReportRoutes::year);
    LocalDate today = LocalDate.ofInstant(now, service.config().performance().zone());
    try {
      return ReportRange.of(type, from, to, year, today);
    } catch (ReportRange.Refused e) {
      throw new BadRequestException(e.option(), e.reason());
    }
  }

  private static int year(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException("year", "must be a year YYYY, got '" + text + "'");
    }
  }

  private LotMethod method(Context ctx) {
    Optional<String> text = Parameters.text(ctx, "method");
    if (text.isEmpty()) {
      return service.config().tax().method();
    }
    try {
      return LotMethod.parse(text.get());
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("method", e.getMessage().toLowerCase(Locale.ROOT));
    }
  }

  private static void text(Context ctx, OutputFormat format, String body) {
    ctx.header("Cache-Control", "no-store")
        .contentType(format.mediaType())
        .result(body.getBytes(StandardCharsets.UTF_8));
  }
}
