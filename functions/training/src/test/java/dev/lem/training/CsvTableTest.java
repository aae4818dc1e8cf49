package dev.lem.training;

import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableTest {

    @Test
    void read_whenSemicolonsAndQuotes_expectFieldsUnquoted() throws Exception {
        CsvTable table = CsvTable.read(new StringReader("\"age\";\"job\";\"y\"\n30;\"admin.; \"\"senior\"\"\";\"no\"\n\n41;x;yes\n"));
        assertThat(table.header()).containsExactly("age", "job", "y");
        assertThat(table.rows()).hasSize(2);
        assertThat(table.rows().get(0)).containsExactly("30", "admin.; \"senior\"", "no");
    }

    @Test
    void read_whenCommas_expectCommaSeparator() throws Exception {
        CsvTable table = CsvTable.read(new StringReader("a,b\n1,2\n"));
        assertThat(table.rows().get(0)).containsExactly("1", "2");
    }

    @Test
    void read_whenRaggedRow_expectErrorNamingTheLine() {
        assertThatThrownBy(() -> CsvTable.read(new StringReader("a,b,y\n1,2,no\n1,2\n")))
                .isInstanceOf(BadTrainingDataException.class)
                .hasMessage("line 3: 2 fields but the header has 3 (ragged row)");
    }

    @Test
    void read_whenEmptyOrDuplicateHeader_expectClearError() {
        assertThatThrownBy(() -> CsvTable.read(new StringReader("")))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CsvTable.read(new StringReader("a,a\n1,2\n")))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("'a' twice");
        assertThatThrownBy(() -> CsvTable.read(new StringReader("a,b\n\"1,2\n")))
                .isInstanceOf(BadTrainingDataException.class).hasMessageContaining("line 2: a quoted field is not closed");
    }
}
