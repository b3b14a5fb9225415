from veltutor.errors import Conflict, NotFound


class SessionNotFound(NotFound):
    code = "session_not_found"
    default_message = "That session does not exist or is not yours."


class QuestionNotInSession(NotFound):
    code = "question_not_in_session"
    default_message = "That question is not part of this session."


class SessionFinished(Conflict):
    code = "session_finished"
    default_message = "This session is finished; start a new one to keep practising."


class AnswerOutOfOrder(Conflict):
    code = "answer_out_of_order"
    default_message = "Answer the questions in order."


class NoQuestionsAvailable(Conflict):
    code = "no_questions_available"
    default_message = "There are no questions to practise here yet."
