package course.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code ./course grade} on a prepared class (grade_check.py builds it from the course's notebooks):
 * a student who handed in the solutions passes every exercise, one who handed in the untouched
 * lessons none; forging a pass by editing a check cell, by printing the pass text or by declaring a
 * class {@code Ex04} gets nothing; {@code System.exit}, an endless loop, broken JSON, an empty file and
 * another lesson under the expected name each get their reason, and the grader exits 0.
 */
class GradeTest {

    @Test
    void theGradebookHasTheExpectedRowForEveryStudentAndExercise() throws Exception {
        Scripts.Result r = Scripts.run(20, "grade_check.py");
        System.out.print(r.output());
        assertEquals(0, r.exitCode(), r.output());
    }
}
