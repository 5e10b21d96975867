/**
 * The PostgreSQL side of Parley: R2DBC stores behind the application's outgoing ports, and the
 * Flyway migrations in {@code db/migration} that create their tables.
 *
 * <p>Every class here is package-private: the boot modules component-scan this package and
 * receive the stores as the port interfaces. Rows are mapped to domain objects inside the
 * package, so the domain's own checks run on everything read back. The stores need a
 * {@code DatabaseClient} and a {@code TransactionalOperator} bean, both of which Spring Boot's
 * R2DBC and transaction auto-configurations provide.
 */
package parley.adapter.out.postgres;
