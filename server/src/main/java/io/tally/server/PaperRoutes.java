package io.tally.server;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.tally.engine.paper.OrderRequest;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.paper.PaperOrder;
import java.util.Optional;

/**
 * The paper trading endpoints: {@code POST /api/v1/paper/orders} places an order, {@code GET
 * /api/v1/paper/orders} lists the working and latest finished ones, {@code DELETE
 * /api/v1/paper/orders/{id}} cancels one. A server of a live account answers them with a 404
 * problem saying so; the portfolio endpoints of a paper account's server answer for its books.
 *
 * <p>Example: {@code curl -X POST localhost:8080/api/v1/paper/orders -d
 * '{"pair":"XBT/USD","side":"buy","volume":"0.01"}'} answers {@code 201} with the order ({@link
 * PaperOrderJson}). Thread-safe: the desk serialises.
 */
final class PaperRoutes {

  private final Optional<PaperDesk> desk;

  PaperRoutes(Optional<PaperDesk> desk) {
    this.desk = requireNonNull(desk, "desk");
  }

  /** {@code POST /paper/orders}: 201 and the order, whatever became of it (rejected included). */
  void place(Context ctx) {
    PaperDesk paper = desk();
    OrderRequest request =
        PaperOrderBody.parse(RequestBody.text(ctx), paper.account().collateral());
    PaperOrder order;
    try {
      order = paper.place(request);
    } catch (IllegalArgumentException e) {
      throw PaperOrderBody.named(e);
    }
    ctx.status(HttpStatus.CREATED);
    TallyServer.json(ctx, PaperOrderJson.order(order));
  }

  /** {@code GET /paper/orders}. */
  void list(Context ctx) {
    TallyServer.json(ctx, PaperOrderJson.list(desk().orders()));
  }

  /** {@code DELETE /paper/orders/{id}}: the order as canceled (or as it stands when finished). */
  void cancel(Context ctx) {
    TallyServer.json(ctx, PaperOrderJson.order(desk().cancel(ctx.pathParam("id"))));
  }

  private PaperDesk desk() {
    return desk.orElseThrow(
        () ->
            new NoPaperAccountException(
                "this server keeps a live account's books, not a paper account's: start one with"
                    + " 'tally paper'"));
  }

  /** A paper endpoint asked of a live account's server: answered 404. */
  static final class NoPaperAccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoPaperAccountException(String message) {
      super(message);
    }
  }
}
