package io.pendule.jobs.boundary;

import io.pendule.api.control.NulCharacters;
import io.pendule.api.entity.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobFormTest {

    @Test
    void aNewJobsFormHoldsNoNulCharacter() {
        assertEquals(List.of(), JobForm.empty().nulCharacters());
    }

    @Test
    void everyFieldHoldingANulCharacterIsNamed() {
        JobForm form = JobForm.empty();
        form.values.put("name", "hostile\u0000new");
        form.values.put("displayname", "a\u0000b");
        form.values.put("shell_command", "true\u0000rm -rf /");
        assertEquals(List.of(new FieldError("displayname", NulCharacters.MESSAGE), new FieldError("name", NulCharacters.MESSAGE),
                new FieldError("shell_command", NulCharacters.MESSAGE)), form.nulCharacters());
    }
}
