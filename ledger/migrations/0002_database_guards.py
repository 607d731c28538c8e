"""The database guards the books too, not only the posting service.

PostgreSQL: at commit, every transaction's entries must sum to zero (a deferred constraint
trigger), and entries and transactions can be neither changed nor deleted. SQLite has no deferred
triggers: there entries and transactions cannot be changed (deleting stays possible, so that test
databases can be emptied); ledger_check verifies the sums on both.
"""

from django.db import migrations

POSTGRES = """
CREATE FUNCTION ledger_transaction_balances() RETURNS trigger AS $$
BEGIN
    IF (SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE transaction_id = NEW.transaction_id) <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not balance', NEW.transaction_id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER ledger_entry_balances
    AFTER INSERT ON ledger_entry DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balances();

CREATE FUNCTION ledger_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the books are append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE OR DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
"""

POSTGRES_UNDO = """
DROP TRIGGER ledger_transaction_append_only ON ledger_transaction;
DROP TRIGGER ledger_entry_append_only ON ledger_entry;
DROP FUNCTION ledger_refuse_change();
DROP TRIGGER ledger_entry_balances ON ledger_entry;
DROP FUNCTION ledger_transaction_balances();
"""

SQLITE = [
    """CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE ON ledger_entry
       BEGIN SELECT RAISE(ABORT, 'the books are append-only: UPDATE on ledger_entry refused'); END""",
    """CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE ON ledger_transaction
       BEGIN SELECT RAISE(ABORT, 'the books are append-only: UPDATE on ledger_transaction refused'); END""",
]
SQLITE_UNDO = [
    "DROP TRIGGER ledger_entry_append_only",
    "DROP TRIGGER ledger_transaction_append_only",
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in [POSTGRES] if vendor == "postgresql" else SQLITE if vendor == "sqlite" else []:
        schema_editor.execute(statement, params=None)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in [POSTGRES_UNDO] if vendor == "postgresql" else SQLITE_UNDO if vendor == "sqlite" else []:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_accounts_transactions_entries")]

    operations = [migrations.RunPython(install, remove)]
