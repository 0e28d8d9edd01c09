"""Background jobs: progress in the database, a result to download, failures reported."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from eventkit.extensions import db
from eventkit.jobs import services
from eventkit.models import Job, utcnow


def test_a_job_reports_progress_and_leaves_its_file(signed_in, make_event) -> None:
    event = make_event()
    seen: list[int] = []

    def work(progress: services.Progress) -> services.Result:
        for n in range(1, 6):
            progress(n)
            seen.append(db.session.get(Job, progress.job_id).done)
        return ("lijst.txt", "text/plain", b"klaar")

    job = services.start("test", event.id, 5, work)
    assert job.status == "done" and job.done == 5
    assert seen[-1] == 5
    page = signed_in.get(f"/jobs/{job.token}")
    assert 'value="5"' in page.text and "lijst.txt" in page.text
    download = signed_in.get(f"/jobs/{job.token}/download")
    assert download.data == b"klaar"
    assert "attachment" in download.headers["Content-Disposition"]


def test_a_failing_job_says_why(signed_in, make_event) -> None:
    event = make_event()

    def work(progress: services.Progress) -> None:
        raise ValueError("row 3 is broken")

    job = services.start("test", event.id, 1, work)
    assert job.status == "failed" and "row 3 is broken" in job.message
    assert "row 3 is broken" in signed_in.get(f"/jobs/{job.token}").text
    assert signed_in.get(f"/jobs/{job.token}/download").status_code == 404


def test_a_running_page_refreshes_itself_and_stale_jobs_fail(signed_in, make_event) -> None:
    event = make_event()
    job = Job(kind="test", event_id=event.id, total=10, status="running", done=3)
    db.session.add(job)
    db.session.commit()
    page = signed_in.get(f"/jobs/{job.token}").text
    assert 'http-equiv="refresh"' in page and 'value="3"' in page
    job.created_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert 'http-equiv="refresh"' not in signed_in.get(f"/jobs/{job.token}").text
    assert job.status == "failed"


def test_jobs_of_another_school_are_hidden(login, make_user, make_event) -> None:
    from eventkit.models import School

    other = School(name="Ander")
    db.session.add(other)
    db.session.commit()
    job = services.start("test", make_event(school_=other).id, 1, lambda p: None)
    client = login(make_user("coordinator"))
    assert client.get(f"/jobs/{job.token}").status_code == 404


def test_the_worker_process_runs_queued_jobs_by_kind(app, signed_in, make_event) -> None:
    """Outside tests a request only queues the job; `eventkit worker` claims and runs it."""
    event = make_event()
    seen: list[dict] = []

    @services.handler("test-worker")
    def work(params: services.Params, progress: services.Progress) -> services.Result:
        seen.append(params)
        progress(1)
        return ("brief.txt", "text/plain", b"klaar")

    app.config["EVENTKIT_JOBS_INLINE"] = False
    job = services.start("test-worker", event.id, 1, params={"event_id": event.id})
    assert job.status == "queued" and not seen
    assert 'http-equiv="refresh"' in signed_in.get(f"/jobs/{job.token}").text
    assert services.run_next(app) is True
    assert seen == [{"event_id": event.id}]
    assert services.run_next(app) is False  # nothing left: a job runs once
    db.session.expire_all()
    assert job.status == "done" and db.session.get(Job, job.id).result == b"klaar"


def test_a_job_of_an_unknown_kind_fails_in_the_worker(app, make_event) -> None:
    event = make_event()
    job = Job(kind="gone", event_id=event.id, total=1, status="queued")
    db.session.add(job)
    db.session.commit()
    assert services.run_next(app) is True
    db.session.expire_all()
    assert job.status == "failed" and "gone" in job.message


def test_the_word_file_is_made_by_the_worker(app, signed_in, make_event) -> None:
    from eventkit.invitations import services as invitations
    from tests.factories import ParentFactory

    event = make_event()
    ParentFactory(household__event=event, first_name="Sanne", email="")
    app.config["EVENTKIT_JOBS_INLINE"] = False
    response = signed_in.post(f"/events/{event.id}/invitations/word")
    job = db.session.scalars(select(Job).where(Job.kind == invitations.JOB_KIND)).one()
    assert response.status_code == 302 and job.status == "queued"
    assert services.run_next(app)
    db.session.expire_all()
    assert job.status == "done" and job.result_name.endswith(".docx")
