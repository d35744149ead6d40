package io.pendule.jobs.boundary;

import io.pendule.dashboard.boundary.Pages;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** /new: the job editor on a new job (a job named "new" keeps its /jobs/new page). Editing and cloning are in JobPages. */
@WebServlet("/new")
public class JobEditorPages extends HttpServlet {

    @Inject
    Pages pages;
    @Inject
    JobEditorPage editor;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            editor.showNew(request, response);
        } catch (RuntimeException e) {
            pages.failure(request, response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            editor.create(request, response);
        } catch (RuntimeException e) {
            pages.failure(request, response, e);
        }
    }
}
